package dev.tidings.send;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tidings send --url <webhook url> --credential <cred> FILE…} (DESIGN §8): bulk-posts NDJSON or
 * CSV files through the batch endpoint. Exit code 0 when every event was accepted, 1 when any was
 * rejected or could not be sent, 2 for a usage mistake.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Post NDJSON or CSV files (header row = attribute names) to a webhook in batches, resumably.")
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "The webhook's URL (its /batch endpoint is used).")
    String url;

    @Option(names = "--credential", required = true, description = "The webhook's credential (user:password or a bare token).")
    String credential;

    @Option(names = "--batch-size", defaultValue = "500", description = "Events per batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--concurrency", defaultValue = "4", description = "Batches in flight at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0", description = "Most events per second (0: as fast as the server takes them).")
    double rate;

    @Option(names = "--checkpoint", description = "File that records progress; a rerun resumes after the last acknowledged batch.")
    Path checkpoint;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON (one event per line) or .csv files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (batchSize < 1 || batchSize > 100_000 || concurrency < 1 || concurrency > 64 || rate < 0) {
            spec.commandLine().getErr().println("tidings: send: --batch-size must be 1-100000, --concurrency 1-64, --rate >= 0");
            return 2;
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                spec.commandLine().getErr().println("tidings: send: cannot read " + f);
                return 2;
            }
        }
        BatchPoster poster = new BatchPoster(url, credential, Thread::sleep);
        SendRun.Summary s = new SendRun(poster, new SendRun.Settings(batchSize, concurrency, rate, checkpoint,
                System.console() != null), out).run(files);
        out.printf("sent %d events: %d accepted, %d rejected, %d not sent%s%n", s.sent(), s.accepted(), s.rejected(),
                s.failed(), s.skipped() > 0 ? " (" + s.skipped() + " skipped: done before the checkpoint)" : "");
        if (s.rejected() > 0) {
            for (Path f : files) {
                out.println("rejected lines with their errors: " + SendRun.rejectedFile(f));
            }
        }
        out.flush();
        return s.exitCode();
    }
}
