package ai.wippy.runtime.fs;

/** One name in a directory listing ({@code .} and {@code ..} are never listed). */
public record DirEntry(String name, long ino, FileType type) {
}
