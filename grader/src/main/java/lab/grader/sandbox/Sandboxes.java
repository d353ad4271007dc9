package lab.grader.sandbox;

import lab.grader.i18n.Messages;

/** Picks the sandbox an instructor asked for: {@code on}, {@code user}, {@code auto} or {@code off}. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /**
     * @param mode {@code on} (bubblewrap, or refuse), {@code user} (a user of its own per process), {@code auto}
     *        (bubblewrap where it starts, else the user sandbox), {@code off} (none: the reports say so)
     * @throws SandboxUnavailable with what to do, when the sandbox asked for cannot start here
     * @throws IllegalArgumentException for an unknown mode
     */
    public static Sandbox choose(String mode) throws SandboxUnavailable {
        return switch (mode == null ? "on" : mode.trim()) {
            case "on", "", "bubblewrap" -> Bubblewrap.start(Bubblewrap.Limits.DEFAULT);
            case "user" -> UserSandbox.start(Bubblewrap.Limits.DEFAULT);
            case "auto" -> {
                try {
                    yield Bubblewrap.start(Bubblewrap.Limits.DEFAULT);
                } catch (SandboxUnavailable noNamespaces) {
                    yield UserSandbox.start(Bubblewrap.Limits.DEFAULT);
                }
            }
            case "off" -> Sandbox.NONE;
            default -> throw new IllegalArgumentException(Messages.get("sandbox.unknown-mode", mode));
        };
    }

    /** The line every report of a run carries about its sandbox. */
    public static String reportLine(Sandbox sandbox) {
        return switch (sandbox.mode()) {
            case "none" -> Messages.get("report.not-sandboxed");
            case "user" -> Messages.get("report.sandbox.user");
            default -> Messages.get("report.sandbox", sandbox.mode());
        };
    }
}
