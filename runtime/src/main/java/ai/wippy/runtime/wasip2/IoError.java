package ai.wippy.runtime.wasip2;

/**
 * wasi:io/error's {@code error} resource: what went wrong in a stream operation, readable by the
 * guest as text and, for files, as a filesystem error code, for HTTP bodies as a wasi:http
 * error-code.
 */
record IoError(String debug, String filesystemCode, Object httpCode) {

    IoError(String debug) {
        this(debug, null, null);
    }

    IoError(String debug, String filesystemCode) {
        this(debug, filesystemCode, null);
    }
}
