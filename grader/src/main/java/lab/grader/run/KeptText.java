package lab.grader.run;

/**
 * Text kept up to a cap, counting what was cut: what a flooding program printed, shown in the
 * reports with a note instead of in full.
 */
final class KeptText {
    private final int cap;
    private final StringBuilder kept = new StringBuilder();
    private long cut;

    KeptText(int cap) {
        this.cap = cap;
    }

    synchronized void add(String text) {
        int room = Math.max(0, Math.min(text.length(), cap - kept.length()));
        kept.append(text, 0, room);
        cut += text.length() - room;
    }

    synchronized long cut() {
        return cut;
    }

    synchronized String text() {
        return kept.toString();
    }
}
