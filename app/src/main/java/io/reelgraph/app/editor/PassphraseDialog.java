package io.reelgraph.app.editor;

import io.reelgraph.app.Workspace;
import java.awt.EventQueue;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;

/**
 * Asks for the vault passphrase in a dialog when the editor first needs a key and
 * {@value Workspace#PASSPHRASE_VARIABLE} is unset. The editor has no terminal, so without
 * this a vault would stay locked. The typed characters are copied out once and the field is
 * cleared; the caller wipes the returned array.
 */
final class PassphraseDialog implements Workspace.PassphraseSource {

    private final Workspace.PassphraseSource system = Workspace.PassphraseSource.system();

    @Override
    public Optional<String> environment(String name) {
        return system.environment(name);
    }

    /** Returns true: the dialog reads the passphrase without showing it. */
    @Override
    public boolean hasTerminal() {
        return true;
    }

    @Override
    public char[] readHidden(String prompt) throws IOException {
        AtomicReference<char[]> typed = new AtomicReference<>();
        Runnable ask = () -> typed.set(ask(prompt));
        if (EventQueue.isDispatchThread()) {
            ask.run();
        } else {
            try {
                EventQueue.invokeAndWait(ask);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the passphrase", e);
            } catch (InvocationTargetException e) {
                throw new IOException("the passphrase dialog failed: " + e.getCause(), e);
            }
        }
        if (typed.get() == null) {
            throw new IOException("the passphrase dialog was cancelled");
        }
        return typed.get();
    }

    private static char[] ask(String prompt) {
        JPasswordField field = new JPasswordField(24);
        field.setName("passphrase");
        int answer = JOptionPane.showConfirmDialog(null, new Object[] {prompt.strip(), field},
                "Unlock key vault", JOptionPane.OK_CANCEL_OPTION, JOptionPane.PLAIN_MESSAGE);
        char[] passphrase = answer == JOptionPane.OK_OPTION ? field.getPassword() : null;
        field.setText("");
        return passphrase;
    }
}
