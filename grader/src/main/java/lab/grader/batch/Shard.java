package lab.grader.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.grader.i18n.Messages;

/**
 * {@code -Dshard=K/N}: the K-th of N slices of a class, so that N machines (a GitHub Actions matrix)
 * grade a class between them and {@link ShardMerge} puts the slices back together.
 *
 * <p>A student's shard is a function of the student's own folder name and N, nothing else: the first
 * 8 bytes of the SHA-256 of the name's {@linkplain #key key}, as an unsigned number, modulo N. Not a
 * position in the sorted list of students: one late submission (or one missing) would shift every
 * student after it into another shard, so two shards graded from two downloads of the class could both
 * grade a student, or neither. Not {@code String.hashCode} or a {@code HashMap}'s order either: SHA-256
 * is the same on every JDK and spreads similar names (ada1, ada2, ...) evenly.
 *
 * @param index K, from 1
 * @param count N, at least 1
 */
public record Shard(int index, int count) {
    /** The whole class: what a run without {@code -Dshard} grades. */
    public static final Shard ALL = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(index + "/" + count);
        }
    }

    /**
     * {@code K/N} with {@code 1 <= K <= N}; empty or blank is {@link #ALL}. Anything else throws an
     * {@link IllegalArgumentException} whose message is the one line to show (from the message bundle).
     */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (n >= 1 && k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw new IllegalArgumentException(Messages.get("batch.bad-shard", StudentIds.printable(text)));
    }

    /**
     * What a student's shard is computed from: the id the folder is graded under before any clash with
     * another folder is settled ({@link StudentIds#of}), without case. So two folders whose ids clash
     * (Ada and ada) always fall in the same shard, and that shard settles the clash exactly as an
     * unsharded run does. (The one clash two shards can both settle their own way, a folder named like
     * another folder's hashed stand-in, {@code student-<10 hex digits>}, reaches the merge as a student in
     * two shards, which it reports.)
     */
    static String key(String folderName) {
        return StudentIds.of(folderName).toLowerCase(Locale.ROOT);
    }

    /** The shard (1 to {@code count}) of the student whose submission folder is {@code folderName}. */
    static int of(String folderName, int count) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key(folderName).getBytes(StandardCharsets.UTF_8));
            long first = 0;
            for (int i = 0; i < 8; i++) {
                first = first << 8 | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(first, count) + 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when this shard grades the student whose submission folder is {@code folderName}. */
    boolean has(String folderName) {
        return count == 1 || of(folderName, count) == index;
    }

    /** The students of this shard, in the order given. */
    List<BatchMain.Entry> select(List<BatchMain.Entry> students) {
        return students.stream().filter(e -> has(e.original() != null ? e.original() : e.id())).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
