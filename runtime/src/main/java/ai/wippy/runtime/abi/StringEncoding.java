package ai.wippy.runtime.abi;

/** The {@code string-encoding} canonical option of a lift or lower. */
public enum StringEncoding {
    UTF8, UTF16, LATIN1_UTF16
}
