package ai.wippy.runtime.wasi;

/** witx values, written out independently of the main code so tests catch a wrong constant. */
interface Witx {
    int ESUCCESS = 0;
    int EBADF = 8;
    int EEXIST = 20;
    int EFAULT = 21;
    int EILSEQ = 25;
    int EINVAL = 28;
    int EISDIR = 31;
    int ELOOP = 32;
    int ENAMETOOLONG = 37;
    int ENOENT = 44;
    int ENOSYS = 52;
    int ENOTDIR = 54;
    int ENOTEMPTY = 55;
    int ENOTSOCK = 57;
    int EPERM = 63;
    int EROFS = 69;
    int ESPIPE = 70;
    int ENOTCAPABLE = 76;

    int O_CREAT = 1;
    int O_DIRECTORY = 2;
    int O_EXCL = 4;
    int O_TRUNC = 8;
    int FDFLAG_APPEND = 1;
    int LOOKUP_FOLLOW = 1;

    long RIGHT_FD_READ = 1L << 1;
    long RIGHT_FD_SEEK = 1L << 2;
    long RIGHT_FD_TELL = 1L << 5;
    long RIGHT_FD_WRITE = 1L << 6;
    long RIGHT_FD_READDIR = 1L << 14;
    long ALL_RIGHTS = (1L << 30) - 1;
    long READ_ONLY = ALL_RIGHTS & ~(RIGHT_FD_WRITE | 1L | (1L << 8) | (1L << 22));

    int FILETYPE_CHARACTER_DEVICE = 2;
    int FILETYPE_DIRECTORY = 3;
    int FILETYPE_REGULAR_FILE = 4;
    int FILETYPE_SYMBOLIC_LINK = 7;
}
