package lab.grader.integrity;

import de.thetaphi.forbiddenapis.Checker;
import de.thetaphi.forbiddenapis.ForbiddenApiException;
import de.thetaphi.forbiddenapis.Logger;
import de.thetaphi.forbiddenapis.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lab.grader.i18n.Messages;

/**
 * The forbidden-API check: the submission's bytecode, before any of it runs, against
 * {@code lab/grader/integrity/forbidden-apis.txt}, with de.thetaphi:forbiddenapis.
 *
 * <p>Submitted code shares a JVM with the checks. What keeps it from writing its own verdict (reaching the
 * grader's report line by reflection, ending the JVM after a forged report, reading the hidden checks, ...)
 * is that it cannot name the means: every such API is refused here, and a use costs that exercise its
 * points (it is not run at all). The exercises need none of these APIs.
 */
public final class ForbiddenApis {
    private static final String SIGNATURES = "/lab/grader/integrity/forbidden-apis.txt";
    /** Groups of the signatures an exercise may use anyway: downloads talks HTTP to the grader's local server. */
    static final Map<String, Set<String>> ALLOWED = Map.of("downloads", Set.of("network"));
    private static final Pattern VIOLATION = Pattern.compile("^Forbidden (.+?): (.+?) \\[(.+)]$");
    private static final Pattern WHERE = Pattern.compile("^\\s*in ([\\w.$]+)(.*)$");

    private ForbiddenApis() {
    }

    /** One forbidden use: what, where (a class and its file and line), and the reason group. */
    public record Use(String what, String className, String where, String reason) {
        /** The exercise whose package holds the class ({@code lab.counter.X}: counter). */
        public String exercise() {
            String[] parts = className.split("\\.");
            return parts.length >= 3 && parts[0].equals("lab") ? parts[1] : "";
        }

        /** One line for the student: the call, where, and why it is not allowed. */
        public String describe() {
            String call = what.replace("#", ".").replace("(**)", "(...)");
            return Messages.get("api.use", call, className + where, Messages.get("api.reason." + reason));
        }
    }

    /**
     * Checks every class file under {@code classes} (the classes a run grades) and returns the forbidden
     * uses by exercise id, leaving out the groups {@link #ALLOWED} for that exercise. Empty: nothing forbidden.
     */
    public static Map<String, List<Use>> check(Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        Map<String, List<Use>> byExercise = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return byExercise;
        }
        List<String> errors = new ArrayList<>();
        Logger log = new Logger() {
            @Override
            public void error(String msg) {
                errors.add(msg);
            }

            @Override
            public void warn(String msg) {
            }

            @Override
            public void info(String msg) {
            }

            @Override
            public void debug(String msg) {
            }
        };
        // The submission's classes resolve against themselves and the JDK only: nothing of the grader.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                InputStream signatures = ForbiddenApis.class.getResourceAsStream(SIGNATURES)) {
            Checker checker = new Checker(log, loader, Checker.Option.FAIL_ON_VIOLATION);
            checker.parseSignaturesFile(signatures, SIGNATURES);
            checker.addClassesToCheck(classes.toFile(), files.toArray(String[]::new));
            checker.run();
        } catch (ForbiddenApiException e) {
            // the violations are in the log
        } catch (ParseException e) {
            throw new IllegalStateException("the kit's forbidden-API list does not parse: " + e.getMessage(), e);
        }
        Use pending = null;
        for (String line : errors) {
            Matcher v = VIOLATION.matcher(line);
            Matcher w = WHERE.matcher(line);
            if (v.matches()) {
                pending = new Use(v.group(2), "", "", v.group(3));
            } else if (pending != null && w.matches()) {
                Use use = new Use(pending.what(), w.group(1), w.group(2).strip().isEmpty() ? "" : " " + w.group(2).strip(),
                        pending.reason());
                if (!ALLOWED.getOrDefault(use.exercise(), Set.of()).contains(use.reason())) {
                    List<Use> uses = byExercise.computeIfAbsent(use.exercise(), k -> new ArrayList<>());
                    if (!uses.contains(use)) {
                        uses.add(use);
                    }
                }
                pending = null;
            }
        }
        return byExercise;
    }

    /** The message for an exercise that uses forbidden APIs (at most 20 uses listed). */
    public static String message(List<Use> uses) {
        StringBuilder b = new StringBuilder();
        uses.stream().limit(20).forEach(u -> b.append(u.describe()).append('\n'));
        if (uses.size() > 20) {
            b.append(Messages.get("api.more", uses.size() - 20)).append('\n');
        }
        return Messages.get("api.forbidden", b.toString().strip());
    }
}
