package org.vae4j.core.render;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * A built-in 5x7 pixel font for labels in pictures: no system fonts are needed (headless servers
 * and CI often have none), and output is identical on every machine. Lower case is drawn as upper
 * case; characters without a glyph are drawn as '?'.
 */
public final class BitmapFont {
    public static final int WIDTH = 5;
    public static final int HEIGHT = 7;
    private static final Map<Character, String[]> GLYPHS = new HashMap<>();

    static {
        glyph('A', " ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #");
        glyph('B', "#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### ");
        glyph('C', " ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### ");
        glyph('D', "#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### ");
        glyph('E', "#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####");
        glyph('F', "#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    ");
        glyph('G', " ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####");
        glyph('H', "#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #");
        glyph('I', " ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        glyph('J', "  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  ");
        glyph('K', "#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #");
        glyph('L', "#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####");
        glyph('M', "#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #");
        glyph('N', "#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #");
        glyph('O', " ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### ");
        glyph('P', "#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    ");
        glyph('Q', " ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #");
        glyph('R', "#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #");
        glyph('S', " ####", "#    ", "#    ", " ### ", "    #", "    #", "#### ");
        glyph('T', "#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ");
        glyph('U', "#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### ");
        glyph('V', "#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  ");
        glyph('W', "#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # ");
        glyph('X', "#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #");
        glyph('Y', "#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  ");
        glyph('Z', "#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####");
        glyph('0', " ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### ");
        glyph('1', "  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### ");
        glyph('2', " ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####");
        glyph('3', "#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### ");
        glyph('4', "   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # ");
        glyph('5', "#####", "#    ", "#### ", "    #", "    #", "#   #", " ### ");
        glyph('6', "  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### ");
        glyph('7', "#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   ");
        glyph('8', " ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### ");
        glyph('9', " ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  ");
        glyph(' ', "     ", "     ", "     ", "     ", "     ", "     ", "     ");
        glyph('.', "     ", "     ", "     ", "     ", "     ", " ##  ", " ##  ");
        glyph(',', "     ", "     ", "     ", "     ", " ##  ", "  #  ", " #   ");
        glyph(':', "     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     ");
        glyph('=', "     ", "     ", "#####", "     ", "#####", "     ", "     ");
        glyph('+', "     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     ");
        glyph('-', "     ", "     ", "     ", "#####", "     ", "     ", "     ");
        glyph('(', "   # ", "  #  ", " #   ", " #   ", " #   ", "  #  ", "   # ");
        glyph(')', " #   ", "  #  ", "   # ", "   # ", "   # ", "  #  ", " #   ");
        glyph('/', "     ", "    #", "   # ", "  #  ", " #   ", "#    ", "     ");
        glyph('%', "##   ", "##  #", "   # ", "  #  ", " #   ", "#  ##", "   ##");
        glyph('_', "     ", "     ", "     ", "     ", "     ", "     ", "#####");
        glyph('<', "   # ", "  #  ", " #   ", "#    ", " #   ", "  #  ", "   # ");
        glyph('>', " #   ", "  #  ", "   # ", "    #", "   # ", "  #  ", " #   ");
        glyph('|', "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ");
        glyph('\'', "  #  ", "  #  ", " #   ", "     ", "     ", "     ", "     ");
        glyph('#', " # # ", " # # ", "#####", " # # ", "#####", " # # ", " # # ");
        glyph('*', "     ", "  #  ", "# # #", " ### ", "# # #", "  #  ", "     ");
        glyph('?', " ### ", "#   #", "    #", "   # ", "  #  ", "     ", "  #  ");
        glyph('[', " ### ", " #   ", " #   ", " #   ", " #   ", " #   ", " ### ");
        glyph(']', " ### ", "   # ", "   # ", "   # ", "   # ", "   # ", " ### ");
    }

    private BitmapFont() {}

    private static void glyph(char c, String... rows) {
        if (rows.length != HEIGHT) {
            throw new IllegalStateException("glyph " + c + " has " + rows.length + " rows");
        }
        for (String r : rows) {
            if (r.length() != WIDTH) {
                throw new IllegalStateException("glyph " + c + " row '" + r + "' is not " + WIDTH + " wide");
            }
        }
        GLYPHS.put(c, rows);
    }

    /** Width in pixels of {@code text} at {@code scale} (one blank column between characters). */
    public static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (WIDTH + 1) - 1) * scale;
    }

    public static int height(int scale) {
        return HEIGHT * scale;
    }

    /** Draws {@code text} with its top-left corner at (x, y) in colour {@code rgb}, clipped to the image. */
    public static void draw(BufferedImage image, String text, int x, int y, int scale, int rgb) {
        int cx = x;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            String[] rows = GLYPHS.getOrDefault(Character.toUpperCase(ch), GLYPHS.get('?'));
            for (int r = 0; r < HEIGHT; r++) {
                for (int c = 0; c < WIDTH; c++) {
                    if (rows[r].charAt(c) != '#') {
                        continue;
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            int px = cx + c * scale + dx;
                            int py = y + r * scale + dy;
                            if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()) {
                                image.setRGB(px, py, rgb);
                            }
                        }
                    }
                }
            }
            cx += (WIDTH + 1) * scale;
        }
    }
}
