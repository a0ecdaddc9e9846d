package dev.parallax.cli;

import dev.parallax.core.store.Store;
import dev.parallax.server.ParallaxServer;
import dev.parallax.server.ServerConfig;
import dev.parallax.store.PostgresStore;
import io.javalin.util.JavalinBindException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the web UI and the REST API (/api/v1, described at /api/v1/openapi.json) over the data"
                + " directory until stopped with Ctrl-C.",
                "Reads are open to anyone who can reach the server; writes (POST /api/v1/articles) need the bearer"
                        + " token. Without a token, writes are refused."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDir data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 exposes"
                    + " the server to the network: put TLS in front of it).")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token that writes must send (default: the PARALLAX_TOKEN environment variable).")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String t = token != null ? token : System.getenv("PARALLAX_TOKEN");
        if (t != null && t.isBlank()) {
            throw new Failures.UserError(ExitCodes.USAGE, "the token is empty: give a non-empty --token or"
                    + " PARALLAX_TOKEN, or none to refuse writes");
        }
        if (port < 0 || port > 65_535) {
            throw new Failures.UserError(ExitCodes.USAGE, "--port " + port + " is not between 0 and 65535");
        }
        Store store = data.open();
        ParallaxServer server;
        try {
            server = ParallaxServer.start(store, ServerConfig.of(host, port, t));
        } catch (JavalinBindException e) {
            store.close();
            throw new Failures.UserError(ExitCodes.IO, "cannot listen on " + host + ":" + port
                    + ": the port is in use or the address is not this machine's; choose another with --port/--host");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "parallax-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Parallax is serving " + (PostgresStore.isUrl(data.location) ? data.shown()
                : Path.of(data.location).toAbsolutePath().normalize()) + " at " + server.uri());
        out.println("API: " + server.uri().resolve("api/v1/openapi.json") + "; writes "
                + (t == null ? "are refused (no --token or PARALLAX_TOKEN)" : "need Authorization: Bearer TOKEN")
                + ". Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
