package lab.grader.batch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shard.json} beside {@code gradebook.csv}: which slice of the class a batch output holds, so that
 * {@link ShardMerge} can tell a missing shard, a shard given twice or shards of different splits (every
 * run writes it: a run without {@code -Dshard} is shard 1 of 1).
 *
 * @param shard K, from 1
 * @param of N
 * @param exercises the exercise ids graded (the gradebook's columns)
 * @param students the ids of every student this run was given (graded or skipped), in gradebook order:
 *        a gradebook that lacks one is from a run that did not finish
 */
public record ShardFile(int shard, int of, List<String> exercises, List<String> students) {
    public static final String NAME = "shard.json";
    /** Far above what a class of thousands needs: a larger file is not the grader's. */
    static final long MAX_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public ShardFile {
        exercises = List.copyOf(exercises);
        students = List.copyOf(students);
    }

    Shard slice() {
        return new Shard(shard, of);
    }

    void write(Path batchDir) throws IOException {
        JSON.writeValue(batchDir.resolve(NAME).toFile(), this);
    }

    /**
     * The {@code shard.json} of a batch output folder (the caller has made sure it is a regular file of at
     * most {@link #MAX_BYTES}); an {@link IOException} whose message is the first line of what is wrong
     * when it does not hold a valid shard.
     */
    static ShardFile read(Path batchDir) throws IOException {
        try {
            ShardFile f = JSON.readValue(batchDir.resolve(NAME).toFile(), ShardFile.class);
            f.slice();
            return f;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(StudentIds.printable(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), e);
        }
    }
}
