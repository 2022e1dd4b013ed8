package org.vae4j.metrics.morpho;

/**
 * Image-pyramid reduction as Morpho-MNIST's {@code ImageMorphology.downscale} does it (scikit-image
 * 0.19's {@code pyramid_reduce} with {@code order=3}): a Gaussian blur with sigma = 2 * scale / 6
 * (kernel radius {@code (int) (4 sigma + 0.5)}, scipy's "reflect" boundaries), a cubic B-spline resize
 * by 1 / scale with pixel-area alignment (scipy's {@code zoom} with {@code grid_mode=True} and
 * "mirror" boundaries, samples at {@code (o + 0.5) scale - 0.5}), clipped to the blurred image's
 * range, then {@code 255 * value} truncated to an integer, as {@code astype(uint8)} does.
 */
final class Downscaler {
    private final int scale;
    private final double[] kernel;

    Downscaler(int scale) {
        this.scale = scale;
        this.kernel = Upscaler.pyramidKernel(scale);
    }

    /**
     * Reduces a binary {@code oh x ow} image to {@code ceil(oh / scale) x ceil(ow / scale)} values 0..255.
     *
     * @param image the high-resolution binary image
     * @param oh its rows
     * @param ow its columns
     * @return the reduced image, row-major
     */
    int[] downscale(boolean[] image, int oh, int ow) {
        double[] values = new double[oh * ow];
        for (int i = 0; i < values.length; i++) {
            values[i] = image[i] ? 1 : 0;
        }
        return downscale(values, oh, ow);
    }

    int[] downscale(double[] image, int oh, int ow) {
        int radius = kernel.length / 2;
        // Gaussian blur along axis 0 (rows), then axis 1 (columns), as scipy's gaussian_filter
        double[] along0 = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += kernel[k + radius] * image[Upscaler.reflect(y + k, oh) * ow + x];
                }
                along0[y * ow + x] = s;
            }
        }
        double[] smooth = new double[oh * ow];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += kernel[k + radius] * along0[y * ow + Upscaler.reflect(x + k, ow)];
                }
                smooth[y * ow + x] = s;
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        int h = (oh + scale - 1) / scale;
        int w = (ow + scale - 1) / scale;
        // B-spline coefficients, mirror boundaries, along each axis
        double[] line = new double[Math.max(oh, ow)];
        for (int y = 0; y < oh; y++) {
            System.arraycopy(smooth, y * ow, line, 0, ow);
            Upscaler.prefilter(line, ow);
            System.arraycopy(line, 0, smooth, y * ow, ow);
        }
        for (int x = 0; x < ow; x++) {
            for (int y = 0; y < oh; y++) {
                line[y] = smooth[y * ow + x];
            }
            Upscaler.prefilter(line, oh);
            for (int y = 0; y < oh; y++) {
                smooth[y * ow + x] = line[y];
            }
        }
        double[] wy = new double[4];
        double[] wx = new double[4];
        int[] out = new int[h * w];
        double zoomY = (double) oh / h;
        double zoomX = (double) ow / w;
        for (int r = 0; r < h; r++) {
            double py = (r + 0.5) * zoomY - 0.5;
            int by = (int) Math.floor(py);
            Upscaler.bsplineWeights(py - by, wy);
            for (int c = 0; c < w; c++) {
                double px = (c + 0.5) * zoomX - 0.5;
                int bx = (int) Math.floor(px);
                Upscaler.bsplineWeights(px - bx, wx);
                double v = 0;
                for (int i = 0; i < 4; i++) {
                    int row = Upscaler.mirror(by - 1 + i, oh) * ow;
                    double s = 0;
                    for (int j = 0; j < 4; j++) {
                        s += wx[j] * smooth[row + Upscaler.mirror(bx - 1 + j, ow)];
                    }
                    v += wy[i] * s;
                }
                v = Math.max(lo, Math.min(hi, v));
                int value = (int) (255.0 * v);
                out[r * w + c] = Math.max(0, Math.min(255, value));
            }
        }
        return out;
    }
}
