package org.vae4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.core.data.IdxFile;
import org.vae4j.core.io.AtomicFiles;
import org.vae4j.metrics.morpho.DigitMorphology;
import org.vae4j.metrics.morpho.Morphometrics;
import org.vae4j.metrics.morpho.Perturbations;
import org.vae4j.metrics.score.NumpyRandom;

/**
 * One of Morpho-MNIST's perturbations ({@code morphomnist/perturb.py}), by name: {@code plain} (the
 * binarised digit), {@code thin:AMOUNT} and {@code thicken:AMOUNT} (erosion or dilation with a disk
 * of {@code AMOUNT} of the stroke's thickness), {@code swell:STRENGTH,RADIUS} (a local swelling
 * at a skeleton pixel; Morpho-MNIST's 3,7) and {@code fracture:COUNT} (that many cuts across the
 * stroke). Swelling and fracture draw their centres as the reference does with numpy's
 * {@code RandomState(seed + i)} for image i, so seed 0 draws what its {@code np.random.seed(i)} draws
 * when the skeletons agree; the centres are returned and written beside the images.
 *
 * <pre>{@code
 * Perturbation.parse("thicken:1.0").apply(images, 28, 28, 0, 2, done -> {});
 * Perturbation.parse("fracture:3").perturbFile(Path.of("t10k-images-idx3-ubyte"), 0, Path.of("out-idx3-ubyte"), 2, log);
 * }</pre>
 */
public final class Perturbation {
    /** What a perturbation does. */
    public enum Kind {
        /** The binarised digit, brought back to low resolution. */
        PLAIN,
        /** Thinner by a share of the thickness. */
        THIN,
        /** Thicker by a share of the thickness. */
        THICKEN,
        /** A local swelling. */
        SWELL,
        /** Cuts across the stroke. */
        FRACTURE
    }

    private static final String ACCEPTED = "plain, thin:AMOUNT (0 <= AMOUNT < 1), thicken:AMOUNT (AMOUNT >= 0),"
            + " swell:STRENGTH,RADIUS (STRENGTH > 1, RADIUS > 0) or fracture:COUNT (1..20)";

    private final Kind kind;
    private final double first;
    private final double second;

    private Perturbation(Kind kind, double first, double second) {
        this.kind = kind;
        this.first = first;
        this.second = second;
    }

    /**
     * {@return the perturbation a spec names}
     *
     * @param spec e.g. {@code thin:0.7}, {@code thicken:1.0}, {@code swell:3,7}, {@code fracture:3} or {@code plain}
     * @throws ConfigurationException naming the spec and what is accepted
     */
    public static Perturbation parse(String spec) {
        String s = spec.trim();
        String[] parts = s.split(":", 2);
        String[] args = parts.length == 2 ? parts[1].split(",", -1) : new String[0];
        try {
            Perturbation p = switch (parts[0]) {
                case "plain" -> args.length == 0 ? new Perturbation(Kind.PLAIN, 0, 0) : null;
                case "thin" -> args.length == 1 ? new Perturbation(Kind.THIN, number(args[0]), 0) : null;
                case "thicken" -> args.length == 1 ? new Perturbation(Kind.THICKEN, number(args[0]), 0) : null;
                case "swell" ->
                    args.length == 2 ? new Perturbation(Kind.SWELL, number(args[0]), number(args[1])) : null;
                case "fracture" ->
                    args.length == 1 ? new Perturbation(Kind.FRACTURE, Integer.parseInt(args[0].trim()), 0) : null;
                default -> null;
            };
            if (p != null && p.valid()) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new ConfigurationException("{perturbation} '" + spec + "' is not a perturbation; use " + ACCEPTED);
    }

    private static double number(String s) {
        double v = Double.parseDouble(s.trim());
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    private boolean valid() {
        return switch (kind) {
            case PLAIN -> true;
            case THIN -> first >= 0 && first < 1;
            case THICKEN -> first >= 0 && first <= 10;
            case SWELL -> first > 1 && second > 0;
            case FRACTURE -> first >= 1 && first <= 20;
        };
    }

    /** {@return what it does} */
    public Kind kind() {
        return kind;
    }

    /** {@return whether it draws centres (swelling and fracture)} */
    public boolean isRandom() {
        return kind == Kind.SWELL || kind == Kind.FRACTURE;
    }

    /** {@return the spec, e.g. {@code swell:3,7}} */
    @Override
    public String toString() {
        return switch (kind) {
            case PLAIN -> "plain";
            case THIN -> "thin:" + first;
            case THICKEN -> "thicken:" + first;
            case SWELL -> "swell:" + first + "," + second;
            case FRACTURE -> "fracture:" + (int) first;
        };
    }

    /**
     * Perturbed images with the centres each drew.
     *
     * @param images the perturbed images, values 0..255
     * @param centres per image, the {row, col} centres at 4x resolution (none for plain, thin and thicken)
     */
    public record Result(int[][] images, int[][][] centres) {}

    /**
     * Perturbs images.
     *
     * @param images {@code [n][h * w]} values 0..255
     * @param h rows
     * @param w columns
     * @param seed image i draws its centres with numpy's {@code RandomState(seed + i)}
     * @param threads workers
     * @param progress receives the number of images done (from any thread)
     * @return the perturbed images and their centres
     * @throws VaeException naming the image if one has no stroke to perturb
     */
    public Result apply(int[][] images, int h, int w, long seed, int threads, java.util.function.IntConsumer progress) {
        int n = images.length;
        int[][] out = new int[n][];
        int[][][] centres = new int[n][][];
        ThreadLocal<Morphometrics> morpho = ThreadLocal.withInitial(Morphometrics::new);
        ThreadLocal<Perturbations> perturb = ThreadLocal.withInitial(Perturbations::new);
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                        DigitMorphology m = morpho.get().morphology(images[i], h, w);
                        try {
                            centres[i] = centres(m, new NumpyRandom((seed + i) & 0xFFFFFFFFL));
                        } catch (IllegalArgumentException e) {
                            throw new VaeException("image " + i + " has no stroke to "
                                    + kind.name().toLowerCase(Locale.ROOT)
                                    + " (it is blank); leave it out or use another perturbation");
                        }
                        out[i] = perturb(perturb.get(), m, centres[i]);
                        progress.accept(done.incrementAndGet());
                    }))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaeException("perturbing was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new VaeException(String.valueOf(e.getCause()));
        } finally {
            pool.shutdown();
        }
        return new Result(out, centres);
    }

    private int[][] centres(DigitMorphology m, NumpyRandom random) {
        return switch (kind) {
            case SWELL -> new int[][] {Perturbations.swellCentre(m, random)};
            case FRACTURE -> Perturbations.fractureCentres(m, 2, (int) first, random);
            default -> new int[0][];
        };
    }

    private int[] perturb(Perturbations p, DigitMorphology m, int[][] centres) {
        return switch (kind) {
            case PLAIN -> p.plain(m);
            case THIN -> p.thin(m, first);
            case THICKEN -> p.thicken(m, first);
            case SWELL -> p.swell(m, first, second, centres[0]);
            case FRACTURE -> p.fracture(m, 1.5, centres);
        };
    }

    /**
     * Perturbs every image of an IDX image file and writes them as an IDX file; for swelling and
     * fracture also {@code OUT.centres.csv} (image, centre, row, col at 4x resolution). Nothing is
     * written unless every image was perturbed, and an existing file is never replaced.
     *
     * @param images an unsigned-byte IDX file of {@code n x h x w} images (raw or .gz)
     * @param seed image i draws its centres with numpy's {@code RandomState(seed + i)}
     * @param out the IDX file to write; must not exist
     * @param threads workers
     * @param log receives one-line progress
     * @return the files written
     */
    public java.util.List<Path> perturbFile(Path images, long seed, Path out, int threads, Consumer<String> log) {
        Path centresFile = out.resolveSibling(out.getFileName() + ".centres.csv");
        for (Path p : isRandom() ? new Path[] {out, centresFile} : new Path[] {out}) {
            if (Files.exists(p)) {
                throw new ConfigurationException(
                        "{saveTo} " + p + " exists; choose another path or delete it (a result is never replaced)");
            }
        }
        if (!Files.isRegularFile(images)) {
            throw new ConfigurationException("{images} " + images + " is not a file; pass an IDX image file");
        }
        IdxFile idx = IdxFile.read(images);
        if (idx.dims().length != 3) {
            throw new VaeException("{images} " + images + " holds an IDX array of " + idx.dims().length
                    + " dimensions, not images (n x rows x cols); pass a *-idx3-ubyte file");
        }
        int n = idx.dims()[0];
        int h = idx.dims()[1];
        int w = idx.dims()[2];
        int[][] pixels = new int[n][h * w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h * w; j++) {
                pixels[i][j] = idx.data()[i * h * w + j] & 0xFF;
            }
        }
        long start = System.nanoTime();
        int every = Math.max(1, n / 10);
        Result r = apply(pixels, h, w, seed, threads, done -> {
            if (done % every == 0 || done == n) {
                log.accept(String.format(
                        Locale.ROOT,
                        "perturbed %,d of %,d images (%s) in %.1fs",
                        done,
                        n,
                        this,
                        (System.nanoTime() - start) / 1e9));
            }
        });
        byte[] data = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h * w; j++) {
                data[i * h * w + j] = (byte) r.images()[i][j];
            }
        }
        byte[] encoded = IdxFile.encode(idx.dims(), data);
        if (!isRandom()) {
            AtomicFiles.write(out, encoded);
            return java.util.List.of(out);
        }
        StringBuilder csv = new StringBuilder("image,centre,row,col\n");
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < r.centres()[i].length; c++) {
                csv.append(i)
                        .append(',')
                        .append(c)
                        .append(',')
                        .append(r.centres()[i][c][0])
                        .append(',')
                        .append(r.centres()[i][c][1])
                        .append('\n');
            }
        }
        AtomicFiles.write(centresFile, csv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out, encoded);
        return java.util.List.of(out, centresFile);
    }
}
