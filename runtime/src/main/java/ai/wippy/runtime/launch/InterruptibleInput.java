package ai.wippy.runtime.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * A console stdin a guest can block on and still be stopped. Reads of {@code System.in} cannot be
 * interrupted, so a daemon pump thread, started at the first read, does the blocking reads and
 * hands chunks over; the guest waits for them interruptibly and a timeout or terminate ends the
 * wait at once ({@link InterruptedIOException}). The pump reads only while a guest is waiting, so
 * no input is taken from the console that no guest asked for.
 */
public final class InterruptibleInput extends InputStream {

    private final InputStream source;
    private final Object lock = new Object();
    private byte[] chunk;
    private int position;
    private boolean eof;
    private boolean wanted;
    private IOException failure;
    private Thread pump;

    public InterruptibleInput(InputStream source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            while (chunk == null && !eof && failure == null) {
                wanted = true;
                startPump();
                lock.notifyAll();
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading stdin");
                }
            }
            if (chunk != null) {
                int n = Math.min(len, chunk.length - position);
                System.arraycopy(chunk, position, b, off, n);
                position += n;
                if (position == chunk.length) {
                    chunk = null;
                    position = 0;
                }
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            return -1;
        }
    }

    /**
     * What can be read without blocking. A guest polling stdin asks this repeatedly, so it also
     * starts a read ahead: the next call sees the bytes once the console has some.
     */
    @Override
    public int available() {
        synchronized (lock) {
            if (chunk == null && !eof && failure == null) {
                wanted = true;
                startPump();
                lock.notifyAll();
            }
            return chunk == null ? 0 : chunk.length - position;
        }
    }

    private void startPump() {
        if (pump != null) {
            return;
        }
        pump = new Thread(this::pumpLoop, "wippy-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpLoop() {
        byte[] buffer = new byte[8192];
        while (true) {
            synchronized (lock) {
                while (!wanted) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            int n;
            IOException error = null;
            try {
                n = source.read(buffer);
            } catch (IOException e) {
                n = -1;
                error = e;
            }
            synchronized (lock) {
                wanted = false;
                if (error != null) {
                    failure = error;
                } else if (n < 0) {
                    eof = true;
                } else {
                    chunk = Arrays.copyOf(buffer, n);
                    position = 0;
                }
                lock.notifyAll();
                if (eof || failure != null) {
                    return;
                }
            }
        }
    }
}
