package lab.grader.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lab.grader.run.Folders;

/**
 * Each student's HTML report, by maven-surefire-report-plugin (the same report {@code mvn verify}
 * writes), from the student's Surefire-format XML.
 *
 * <p>The plugin runs inside Maven only, so this writes a small pom with one {@code report-only}
 * execution per student and runs Maven once for all of them, after grading has finished: one Maven
 * start for the whole class (a few seconds, then well under a second a student), and never beside a
 * grading JVM, so it cannot slow a timing check down.
 *
 * <p>Nothing a submission could have written configures that run: the pom and Maven's working folder
 * are a fresh temporary folder (deleted afterwards), Maven's project folder is pinned to it (so no
 * {@code .mvn/jvm.config}, {@code .mvn/maven.config} or {@code .mvn/extensions.xml} of any folder above
 * it, or of the batch output folder, is read: the {@code mvn} script looks for {@code .mvn} from the
 * pom's folder up to the root unless {@code MAVEN_BASEDIR} says where it is), and it starts with a
 * minimal environment (no {@code MAVEN_OPTS}, {@code MAVEN_ARGS}, {@code MAVEN_CONFIG}, {@code JAVA_TOOL_OPTIONS},
 * no {@code mavenrc} files).
 */
public final class SurefireHtml {
    private final Path maven;
    private final boolean offline;
    private final String localRepository;
    private final String pluginVersion;
    private final Path tempParent;

    /**
     * @param maven the {@code mvn} launcher
     * @param offline pass {@code -o} (the parent build was offline)
     * @param localRepository the local repository to use (the parent build's), or blank
     * @param pluginVersion maven-surefire-report-plugin's version (pinned in the parent pom)
     */
    public SurefireHtml(Path maven, boolean offline, String localRepository, String pluginVersion) {
        this(maven, offline, localRepository, pluginVersion, null);
    }

    /** As above, with Maven's temporary folder made in {@code tempParent} (null: the system's temporary folder). */
    SurefireHtml(Path maven, boolean offline, String localRepository, String pluginVersion, Path tempParent) {
        this.maven = maven;
        this.offline = offline;
        this.localRepository = localRepository;
        this.pluginVersion = pluginVersion;
        this.tempParent = tempParent;
    }

    /**
     * Writes {@code <student>/reports/surefire.html} for every given student folder, deleting each
     * {@code reports/} first; returns Maven's output on failure, else null.
     */
    public String render(List<Path> studentDirs) throws IOException, InterruptedException {
        if (studentDirs.isEmpty()) {
            return null;
        }
        for (Path dir : studentDirs) {
            Folders.deleteTree(dir.resolve("reports"));
        }
        Path work = tempParent == null ? Files.createTempDirectory("lab-html-") : Files.createTempDirectory(tempParent, "lab-html-");
        try {
            return render(work, studentDirs);
        } finally {
            Folders.deleteQuietly(work);
        }
    }

    private String render(Path work, List<Path> studentDirs) throws IOException, InterruptedException {
        StringBuilder executions = new StringBuilder();
        int n = 0;
        for (Path dir : studentDirs) {
            executions.append("""
                      <execution>
                        <id>student-%d</id>
                        <phase>validate</phase>
                        <goals><goal>report-only</goal></goals>
                        <configuration>
                          <reportsDirectories><reportsDirectory>%s</reportsDirectory></reportsDirectories>
                          <outputDirectory>%s</outputDirectory>
                        </configuration>
                      </execution>
                    """.formatted(n++, xml(dir.resolve("surefire-reports")), xml(dir.resolve("reports"))));
        }
        String pom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by the batch grader (lab.grader.batch.SurefireHtml): one HTML report a student. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>lab</groupId>
                  <artifactId>batch-html</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <project.reporting.outputEncoding>UTF-8</project.reporting.outputEncoding>
                  </properties>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-report-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <linkXRef>false</linkXRef>
                          <alwaysGenerateSurefireReport>true</alwaysGenerateSurefireReport>
                        </configuration>
                        <executions>
                %s        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(xml(pluginVersion), executions);
        Path pomFile = work.resolve("pom.xml");
        Files.writeString(pomFile, pom, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(maven.toString(), "-B", "-q", "-f", pomFile.toString(),
                "-Dmaven.multiModuleProjectDirectory=" + work));
        if (offline) {
            cmd.add("-o");
        }
        if (localRepository != null && !localRepository.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + localRepository);
        }
        cmd.add("validate");
        Path log = work.resolve("maven.log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(builder.environment(), work);
        Process p = builder.start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                return "Maven did not finish in 10 minutes";
            }
        } finally {
            if (p.isAlive()) {
                SourceCompiler.kill(p);
            }
        }
        return p.exitValue() == 0 ? null : Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Maven's environment: only what finds the tools and the instructor's own settings ({@code HOME}
     * for {@code ~/.m2}), this JVM's JDK, and {@code MAVEN_BASEDIR}: the {@code mvn} script then takes
     * {@code .mvn} from the temporary folder (there is none) instead of looking up from the pom's folder.
     */
    static void environment(Map<String, String> env, Path work) {
        Map<String, String> kept = new TreeMap<>();
        for (String name : List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")) {
            String value = env.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        env.clear();
        env.putAll(kept);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_BASEDIR", work.toString());
        env.put("MAVEN_SKIP_RC", "true"); // no ~/.mavenrc, /etc/mavenrc: they could set MAVEN_OPTS back
    }

    private static String xml(Object text) {
        return text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
