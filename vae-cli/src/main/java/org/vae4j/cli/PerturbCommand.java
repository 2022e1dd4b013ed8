package org.vae4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.vae4j.Perturbation;

/**
 * {@code ./vae perturb}: applies one of Morpho-MNIST's perturbations (thinning, thickening,
 * swelling, fracture) to every image of an IDX file and writes an IDX file, with the centres that
 * swelling and fracture drew beside it.
 */
final class PerturbCommand implements Main.Command {
    @Override
    public String summary() {
        return "Morpho-MNIST perturbations (thin, thicken, swell, fracture) of every image of an IDX file";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws ParseException {
        Options o = new Options();
        o.addOption(CommonOptions.opt("images", "FILE", "IDX image file to perturb (e.g. t10k-images-idx3-ubyte)"));
        o.addOption(CommonOptions.opt(
                "perturbation",
                "SPEC",
                "thin:AMOUNT, thicken:AMOUNT, swell:STRENGTH,RADIUS (Morpho-MNIST's 3,7), fracture:COUNT or plain"));
        o.addOption(CommonOptions.opt(
                "seed",
                "N",
                "image i draws its swelling or fracture centres with numpy's RandomState(N + i), as Morpho-MNIST"
                        + " seeds digit i (default 0)"));
        o.addOption(
                CommonOptions.opt("out", "FILE", "IDX file to write (must not exist); centres go to FILE.centres.csv"));
        o.addOption(CommonOptions.opt("threads", "N", "threads (default: all cores)"));
        CommonOptions.addHelp(o);
        CommandLine cl = CommonOptions.parse(o, args);
        if (CommonOptions.help(cl, o, "./vae perturb --images FILE --perturbation SPEC [--seed N] --out FILE", out)) {
            return Main.OK;
        }
        for (String required : List.of("images", "perturbation", "out")) {
            if (!cl.hasOption(required)) {
                throw new UsageException("--" + required + " is required");
            }
        }
        Perturbation p = Perturbation.parse(cl.getOptionValue("perturbation"));
        long seed = CommonOptions.longOption(cl, "seed", 0);
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new UsageException("--seed must be between 0 and 4294967295 (numpy's seeds), got " + seed);
        }
        int threads = CommonOptions.intOption(
                cl, "threads", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE);
        List<Path> written = p.perturbFile(
                Path.of(cl.getOptionValue("images")), seed, Path.of(cl.getOptionValue("out")), threads, err::println);
        out.println("written "
                + String.join(", ", written.stream().map(Path::toString).toList()));
        return Main.OK;
    }
}
