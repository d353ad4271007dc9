package lab.grader.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Each student's HTML report, by maven-surefire-report-plugin (the same report {@code mvn verify}
 * writes), from the student's Surefire-format XML.
 *
 * <p>The plugin runs inside Maven only, so this writes a small pom with one {@code report-only}
 * execution per student and runs Maven once for all of them, after grading has finished: one Maven
 * start for the whole class (a few seconds, then well under a second a student), and never beside a
 * grading JVM, so it cannot slow a timing check down.
 */
public final class SurefireHtml {
    private final Path maven;
    private final boolean offline;
    private final String localRepository;
    private final String pluginVersion;

    /**
     * @param maven the {@code mvn} launcher
     * @param offline pass {@code -o} (the parent build was offline)
     * @param localRepository the local repository to use (the parent build's), or blank
     * @param pluginVersion maven-surefire-report-plugin's version (pinned in the parent pom)
     */
    public SurefireHtml(Path maven, boolean offline, String localRepository, String pluginVersion) {
        this.maven = maven;
        this.offline = offline;
        this.localRepository = localRepository;
        this.pluginVersion = pluginVersion;
    }

    /** Writes {@code <student>/reports/surefire.html} for every given student folder; returns Maven's output on failure, else null. */
    public String render(Path batchDir, List<Path> studentDirs) throws IOException, InterruptedException {
        if (studentDirs.isEmpty()) {
            return null;
        }
        Path work = batchDir.resolve(".html");
        Files.createDirectories(work);
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
        List<String> cmd = new ArrayList<>(List.of(maven.toString(), "-B", "-q", "-f", pomFile.toString()));
        if (offline) {
            cmd.add("-o");
        }
        if (localRepository != null && !localRepository.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + localRepository);
        }
        cmd.add("validate");
        Path log = work.resolve("maven.log");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "Maven did not finish in 10 minutes";
        }
        return p.exitValue() == 0 ? null : Files.readString(log, StandardCharsets.UTF_8);
    }

    private static String xml(Object text) {
        return text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
