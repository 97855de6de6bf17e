package io.jenkins.plugins.releasegate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import hudson.Util;
import hudson.model.Run;
import hudson.tasks.Mailer;
import io.jenkins.plugins.releasegate.engine.CliResult;
import io.jenkins.plugins.releasegate.engine.EngineCommands;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jenkins.model.JenkinsLocationConfiguration;

/**
 * Pages the global configuration's escalation chain (or one contact) through the engine, on the controller where
 * the credentials are. Secret Text values are written to owner-only files in a private temporary directory and
 * handed to the engine as {@code file:} references in a generated {@code escalation:} configuration (the schema of
 * the engine's {@code .releasegate.yml}); the directory is deleted when the page is done. Secrets never reach the
 * build log: the engine redacts them, and only its exit code and summary lines are shown. Pages that no contact
 * accepted stay in the build's {@code release-gate/outbox.jsonl}; {@code release-gate page --flush} resends them with
 * a configuration that has the same contact names.
 */
final class EscalationBridge {
    private final JenkinsFacade jenkins;

    EscalationBridge(JenkinsFacade jenkins) {
        this.jenkins = jenkins;
    }

    /** True when the global configuration has a chain to page. */
    boolean configured() {
        return !jenkins.configuration().chainNames().isEmpty();
    }

    /**
     * Pages {@code names} in order (the next contact when one fails definitively); returns
     * {@code {contacts, severity, summary, dedupKey, delivered, exitCode, output, outbox}} for the report.
     * Undelivered pages are kept in the build's {@code release-gate/outbox.jsonl}.
     */
    Map<String, Object> page(Run<?, ?> run, List<String> names, EngineCommands.Page page) throws IOException {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("contacts", new ArrayList<>(names));
        outcome.put("severity", page.resolve() ? "resolve" : page.severity());
        outcome.put("summary", page.summary());
        outcome.put("dedupKey", page.dedupKey());
        if (names.isEmpty()) {
            outcome.put("delivered", false);
            outcome.put("output", "no escalation contact is configured (Manage Jenkins → System → Release Gate)");
            return outcome;
        }
        Path outbox = new File(new File(run.getRootDir(), ResultFiles.DIRECTORY), "outbox.jsonl").toPath();
        Files.createDirectories(outbox.getParent());
        Path dir = privateDirectory();
        try {
            Path config = dir.resolve("escalation.yml");
            Map<String, Object> escalation = new LinkedHashMap<>();
            escalation.put("chain", new ArrayList<>(names));
            escalation.put("contacts", contacts(run, names, dir));
            new ObjectMapper(new YAMLFactory()).writeValue(config.toFile(), Map.of("escalation", escalation));
            CliResult result = EngineCommands.page(config, outbox, null, page);
            outcome.put("delivered", result.getExitCode() == CliResult.OK);
            outcome.put("exitCode", result.getExitCode());
            outcome.put("output", (result.getOut() + result.getErr()).strip());
            outcome.put("outbox", result.getExitCode() == CliResult.OK ? null : outbox.toString());
            return outcome;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A temporary directory only this process' user can read (owner-only where the file system supports it). */
    private static Path privateDirectory() throws IOException {
        try {
            return Files.createTempDirectory("release-gate-page",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Path dir = Files.createTempDirectory("release-gate-page");
            File file = dir.toFile();
            boolean restricted = file.setReadable(false, false) && file.setReadable(true, true)
                    && file.setWritable(false, false) && file.setWritable(true, true);
            if (!restricted) {
                Files.delete(dir);
                throw new IOException("cannot make a private temporary directory for the page's secrets", e);
            }
            return dir;
        }
    }

    private Map<String, Object> contacts(Run<?, ?> run, List<String> names, Path dir) throws IOException {
        Map<String, Object> contacts = new LinkedHashMap<>();
        for (String name : names) {
            EscalationContact contact = jenkins.configuration().contact(name);
            if (contact == null) {
                throw new IOException("the escalation chain names '" + name + "', which is not a configured contact");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", contact.getType().engineType());
            if (contact.getType() == ContactType.EMAIL) {
                Mailer.DescriptorImpl mailer = Mailer.descriptor();
                entry.put("smtpHost", Util.fixNull(mailer.getSmtpHost()).isEmpty() ? "localhost"
                        : mailer.getSmtpHost());
                String port = Util.fixEmptyAndTrim(mailer.getSmtpPort());
                entry.put("smtpPort", port == null ? 25 : Integer.parseInt(port));
                entry.put("startTls", mailer.getUseTls());
                entry.put("from", JenkinsLocationConfiguration.get().getAdminAddress());
                entry.put("to", contact.recipientList());
            } else {
                entry.put(contact.getType().secretKey(), secretFile(run, contact.getCredentialsId(), name, dir));
                if (contact.getType() == ContactType.WEBHOOK && contact.getHmacCredentialsId() != null) {
                    entry.put("hmacSecret", secretFile(run, contact.getHmacCredentialsId(), name + "-hmac", dir));
                }
            }
            contacts.put(name, entry);
        }
        return contacts;
    }

    private String secretFile(Run<?, ?> run, String credentialsId, String name, Path dir) throws IOException {
        String secret = jenkins.secretText(credentialsId, run);
        if (secret == null) {
            throw new IOException("contact '" + name + "': no Secret Text credential with id '" + credentialsId
                    + "' is available to " + run.getFullDisplayName());
        }
        Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".secret");
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return "file:" + file;
    }
}
