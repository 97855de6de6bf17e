package io.releasegate.cli;

import io.releasegate.config.ConfigParseException;
import io.releasegate.signoff.Approval;
import io.releasegate.signoff.ApprovalSigner;
import io.releasegate.signoff.ApprovalStatement;
import io.releasegate.signoff.ApprovalsFile;
import io.releasegate.signoff.Decision;
import io.releasegate.signoff.sshsig.SshSigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-gate approve}: a reviewer's signed decision, appended to an approvals file. */
@Command(name = "approve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Signs a reviewer's decision on a change digest with an SSH key (OpenSSH sshsig, namespace"
                + " release-gate) and appends it to an approvals file for `release-gate run --approvals FILE`.",
            "Sign with --key PRIVATE_KEY; or print the statement with --print-statement, sign it with"
                + " `ssh-keygen -Y sign -n release-gate` (ssh-agent, hardware keys) and attach it with --statement"
                + " FILE --signature FILE.",
            "Exit codes: 0 appended (or printed), 2 bad input."})
final class ApproveCommand implements Callable<Integer> {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--digest", paramLabel = "DIGEST", description = "The change's digest, as `release-gate diff`"
            + " prints it (sha256:...).")
    String digest;

    @Option(names = "--reviewer", paramLabel = "ID", description = "Your reviewer id, as the policy's reviewers name"
            + " you.")
    String reviewer;

    @Option(names = "--email", paramLabel = "MAIL", description = "Your email: the principal of your key in"
            + " allowed_signers.")
    String email;

    @Option(names = "--decision", defaultValue = "approve", paramLabel = "DECISION",
            description = "approve or reject (default: ${DEFAULT-VALUE}).")
    String decision;

    @Option(names = "--comment", defaultValue = "", paramLabel = "TEXT", description = "Why (signed too).")
    String comment;

    @Option(names = "--time", paramLabel = "TIME", description = "The decision's time, ISO-8601 (default: now).")
    String time;

    @Option(names = "--key", paramLabel = "PRIVATE_KEY", description = "Your SSH private key (ssh-ed25519, ecdsa or"
            + " rsa; OpenSSH or PEM format).")
    Path key;

    @Option(names = "--passphrase-env", paramLabel = "NAME", description = "Environment variable that holds the"
            + " passphrase of an encrypted --key.")
    String passphraseEnv;

    @Option(names = "--print-statement", description = "Print the exact statement to sign and stop.")
    boolean printStatement;

    @Option(names = "--statement", paramLabel = "FILE", description = "A statement printed by --print-statement"
            + " (give it with --signature).")
    Path statement;

    @Option(names = "--signature", paramLabel = "FILE", description = "The signature of --statement by"
            + " `ssh-keygen -Y sign -n release-gate`.")
    Path signature;

    @Option(names = "--approvals", paramLabel = "FILE", description = "The approvals file to append to (created when"
            + " missing; .json for JSON, YAML otherwise).")
    Path approvals;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            int modes = (key != null ? 1 : 0) + (printStatement ? 1 : 0) + (signature != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalArgumentException("give one of --key PRIVATE_KEY, --print-statement, or --statement"
                        + " FILE with --signature FILE");
            }
            if (printStatement) {
                out.print(ApprovalStatement.text(fromOptions()));
                out.flush();
                return ExitCodes.OK;
            }
            if (approvals == null) {
                throw new IllegalArgumentException("--approvals FILE is required: the file the decision is appended"
                        + " to");
            }
            Approval signed = key != null ? signWithKey() : attachSignature();
            int count = ApprovalsFile.append(approvals, signed);
            out.println(signed.reviewer() + " " + (signed.isApproval() ? "approved " : "rejected ") + signed.digest()
                    + " at " + signed.time() + ", signed with the " + ApprovalSigner.signerOf(signed.signature())
                    + " as " + signed.email() + "; " + approvals + " holds " + count + " decision(s)");
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigParseException | SshSigException | IllegalArgumentException | IOException e) {
            err.println("release-gate approve: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private Approval signWithKey() throws SshSigException {
        Approval decided = fromOptions();
        String passphrase = null;
        if (passphraseEnv != null) {
            passphrase = System.getenv(passphraseEnv);
            if (passphrase == null) {
                throw new IllegalArgumentException("--passphrase-env " + passphraseEnv + ": the environment variable"
                        + " is not set");
            }
        }
        return ApprovalSigner.fromFile(key, passphrase).sign(decided);
    }

    private Approval attachSignature() throws IOException, SshSigException {
        if (statement == null) {
            throw new IllegalArgumentException("--signature needs --statement FILE: the statement that was signed");
        }
        if (digest != null || reviewer != null || email != null || time != null || !comment.isEmpty()) {
            throw new IllegalArgumentException("with --statement the decision is the statement's: give no --digest,"
                    + " --reviewer, --email, --comment or --time");
        }
        Approval stated;
        try {
            stated = ApprovalStatement.parse(utf8(statement));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(statement + ": " + e.getMessage(), e);
        }
        try {
            return ApprovalSigner.attach(stated, utf8(signature));
        } catch (SshSigException e) {
            throw new SshSigException(signature + ": " + e.getMessage(), e);
        }
    }

    private Approval fromOptions() {
        if (statement != null) {
            throw new IllegalArgumentException("--statement goes with --signature only");
        }
        String theDigest = required(digest, "--digest DIGEST");
        if (!ApprovalsFile.isDigest(theDigest)) {
            throw new IllegalArgumentException("--digest '" + theDigest + "' is not a digest like sha256:<hex> (copy"
                    + " it from `release-gate diff`)");
        }
        String theEmail = required(email, "--email MAIL");
        if (theEmail.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',')) {
            throw new IllegalArgumentException("--email '" + theEmail + "' must not contain blanks or commas");
        }
        Decision theDecision = Decision.parse(decision);
        if (theDecision == null) {
            throw new IllegalArgumentException("--decision '" + decision + "' is neither approve nor reject");
        }
        Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (time != null) {
            try {
                when = OffsetDateTime.parse(time.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--time '" + time + "' is not an ISO-8601 time like"
                        + " 2026-12-03T12:00:00Z", e);
            }
        }
        // stored values are trimmed when the approvals file is read, so sign them trimmed
        return new Approval(required(reviewer, "--reviewer ID"), Set.of(), theDecision, comment.strip(), when,
                theDigest, null, theEmail);
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        return value.strip();
    }

    private static String utf8(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": too large (over " + MAX_FILE_BYTES + " bytes)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
    }
}
