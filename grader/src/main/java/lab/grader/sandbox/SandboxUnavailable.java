package lab.grader.sandbox;

import lab.grader.i18n.Messages;

/** The OS sandbox cannot start on this machine; the message says why and what fixes it. */
public final class SandboxUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    SandboxUnavailable(String key, Object... args) {
        super(Messages.get(key, args));
    }
}
