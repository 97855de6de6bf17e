/**
 * OpenSSH signatures ({@code ssh-keygen -Y sign}, PROTOCOL.sshsig) and {@code allowed_signers} files: the only code
 * that imports Apache MINA SSHD, which parses the keys and makes and checks the signatures.
 */
package io.releasegate.signoff.sshsig;
