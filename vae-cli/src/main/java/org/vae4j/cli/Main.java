package org.vae4j.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.ParseException;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;

/**
 * {@code ./vae COMMAND [options]}. Exit codes: 0 success, 2 usage error (unknown command, model or
 * option, bad value), 1 runtime failure (missing data, corrupt file, diverged training).
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    interface Command {
        String summary();

        int run(String[] args, PrintStream out, PrintStream err) throws ParseException;
    }

    static Map<String, Command> commands() {
        Map<String, Command> c = new LinkedHashMap<>();
        c.put("models", new ModelsCommand());
        c.put("datasets", new DatasetsCommand());
        c.put("train", new TrainCommand());
        c.put("evaluate", new EvaluateCommand());
        c.put("traverse", new PictureCommands.Traverse());
        c.put("sample", new PictureCommands.Sample());
        c.put("reconstruct", new PictureCommands.Reconstruct());
        c.put("interpolate", new PictureCommands.Interpolate());
        c.put("report", new ReportCommand());
        c.put("explore", new ExploreCommand());
        c.put("attributes", new AttributesCommand());
        c.put("perturb", new PerturbCommand());
        c.put("disentanglement", new DisentanglementCommand());
        c.put("score", new ScoreCommand());
        c.put("study", new StudyCommand());
        c.put("bench", new BenchCommand());
        return c;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out, commands);
            return args.length == 0 ? USAGE : OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("vae: unknown command '" + args[0] + "'; commands: " + String.join(", ", commands.keySet()));
            return USAGE;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (ParseException | UsageException e) {
            err.println("vae " + args[0] + ": " + e.getMessage() + " (see ./vae " + args[0] + " --help)");
            return USAGE;
        } catch (ConfigurationException e) {
            err.println("vae " + args[0] + ": " + Flags.message(args[0], e) + " (see ./vae " + args[0] + " --help)");
            return USAGE;
        } catch (VaeException e) {
            err.println("vae " + args[0] + ": " + Flags.message(args[0], e));
            return FAILURE;
        } catch (OutOfMemoryError e) {
            err.println("vae " + args[0] + ": out of memory (" + e.getMessage()
                    + "); lower --batch-size or raise -Xmx in VAE_JAVA_OPTS");
            return FAILURE;
        } catch (RuntimeException e) {
            err.println("vae " + args[0] + ": internal error: " + e);
            if (System.getenv("VAE_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set VAE_DEBUG=1 for the stack trace)");
            }
            return FAILURE;
        }
    }

    private static void usage(PrintStream out, Map<String, Command> commands) {
        out.println("usage: ./vae COMMAND [options]   (./vae COMMAND --help for a command's options)");
        out.println();
        commands.forEach((name, c) -> out.printf("  %-16s %s%n", name, c.summary()));
    }
}
