package io.stagesim.cli;

import io.stagesim.run.RunLimitException;
import io.stagesim.scenario.ScenarioName;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code stagesim} command line: subcommands for each job. */
@Command(name = "stagesim", mixinStandardHelpOptions = true, version = "stagesim 0.1.0",
        description = "Discrete-event capacity simulator for the deployment stages of a web application.",
        subcommands = {RunCommand.class, StressCommand.class, CompareCommand.class, ExplainCommand.class,
            ValidateCommand.class, CalibrateCommand.class, SweepCommand.class, MergeCommand.class,
            WorkerCommand.class, VerifyCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a run that worked. */
    public static final int OK = 0;
    /** Exit code for a run whose checks or objectives failed. */
    public static final int FAILED = 1;
    /** Exit code for bad input: a wrong option or an invalid file. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a bug in stagesim itself. */
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(Terminal.width());
        HelpLayout.apply(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("stagesim: " + printable(ex.getMessage()));
            ex.getCommandLine().getErr().println("Try 'stagesim " + ex.getCommandLine().getCommandName()
                    + " --help' for the options.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                commandLine.getErr().println("stagesim: " + printable(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof RunLimitException) {
                commandLine.getErr().println("stagesim: " + ex.getMessage());
                return FAILED;
            }
            // a bug, not the user's input: say so plainly; the stack trace only on request
            commandLine.getErr().println("stagesim: internal error (a bug in stagesim, not in your files): "
                    + printable(String.valueOf(ex))
                    + (System.getenv("STAGESIM_DEBUG") == null ? "; set STAGESIM_DEBUG=1 to see where" : ""));
            if (System.getenv("STAGESIM_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return INTERNAL_ERROR;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the heap is gone: one line on what to change, no stack trace (it would say nothing useful)
            System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return INTERNAL_ERROR;
        } catch (StackOverflowError | InternalError e) {
            System.err.println("stagesim: the Java virtual machine failed (" + e.getClass().getSimpleName()
                    + "); set STAGESIM_DEBUG=1 to see where");
            if (System.getenv("STAGESIM_DEBUG") != null) {
                e.printStackTrace();
            }
            return INTERNAL_ERROR;
        }
    }

    /** The one line said when the heap runs out, with what to change. */
    static String outOfMemory(long maxHeap) {
        return String.format(java.util.Locale.ROOT, "stagesim: out of memory (the Java heap may use %d MB): give it "
                + "more with STAGESIM_JAVA_OPTS=-Xmx4g, or lower run.max_in_flight, the users or the replications",
                maxHeap >> 20);
    }

    /** {@code message} with any control character shown escaped, line by line (names and paths come from users). */
    static String printable(String message) {
        return message == null ? "" : String.join("\n", message.lines().map(ScenarioName::printable).toList());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
