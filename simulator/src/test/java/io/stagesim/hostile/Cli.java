package io.stagesim.hostile;

import io.stagesim.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line as the hostile tests drive it: in this JVM with its output captured, or forked. */
final class Cli {

    /** The shipped M/M/1 scenario, relative to the module (the tests' working folder). */
    static final String MM1 = Path.of("..", "scenarios", "textbook-mm1.yaml").toAbsolutePath().normalize().toString();

    /** What a command did: its exit code and what it printed. */
    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    /** Runs stagesim with {@code args} in this JVM, capturing standard output and error. */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Starts stagesim in a JVM of its own, with {@code env} added, JVM options, and output and errors merged. */
    static Process fork(Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Sends {@code signal} (e.g. "INT", "TERM") to {@code p}. */
    static void signal(Process p, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
    }
}
