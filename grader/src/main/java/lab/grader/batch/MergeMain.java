package lab.grader.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lab.grader.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvn -Pbatch-merge verify -Dshards=DIR}: merges the shards' batch outputs (one folder each under
 * DIR) into one ({@link ShardMerge}).
 *
 * <p>Exits 0 when merged; 1 when there is nothing to merge or a shard is missing, doubled or not a batch
 * output (each problem said, nothing written); 2 on bad arguments.
 */
@Command(name = "batch-merge", mixinStandardHelpOptions = true,
        description = "Merges the batch outputs of the shards of a class (-Dshard=K/N) into one.")
public final class MergeMain implements Callable<Integer> {
    @Option(names = "--shards", required = true, description = "A folder with one folder per shard, each a copy of that shard's target/batch.")
    Path shards;

    @Option(names = "--out", defaultValue = "target/batch", description = "Where the merged gradebook.csv and students' folders go (emptied first).")
    Path out;

    /** Where the instructor's messages go (a test reads them). */
    PrintStream console = System.out;

    @Override
    public Integer call() throws Exception {
        ShardMerge merge = ShardMerge.forKit();
        List<String> problems = merge.merge(shards, out);
        if (!problems.isEmpty()) {
            problems.forEach(console::println);
            console.println(Messages.get("batch.merge.failed", problems.size()));
            return 1;
        }
        console.println(Messages.get("batch.merge.done", merge.shardCount(), merge.studentCount(), out.toAbsolutePath().resolve("gradebook.csv")));
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new MergeMain());
        cli.setParameterExceptionHandler((ex, a) -> {
            System.err.println(ex.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
