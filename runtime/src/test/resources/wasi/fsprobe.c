// A wasi-libc program exercising the filesystem the way ordinary C code does. Each argument is
// one command, "op:path" or "op:path:text"; each prints one line "op path -> result", where a
// failure prints "ERR <errno>" (wasi-libc errno values are the WASI errno values).
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void fail(const char *op, const char *path) { printf("%s %s -> ERR %d\n", op, path, errno); }

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char *op = argv[i];
        char *path = strchr(op, ':');
        if (!path) { printf("bad command %s\n", op); return 2; }
        *path++ = 0;
        char *text = strchr(path, ':');
        if (text) *text++ = 0;
        errno = 0;
        if (!strcmp(op, "cat")) {
            FILE *f = fopen(path, "r");
            if (!f) { fail(op, path); continue; }
            char buf[256];
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            buf[n] = 0;
            fclose(f);
            printf("%s %s -> %s\n", op, path, buf);
        } else if (!strcmp(op, "write")) {
            FILE *f = fopen(path, "w");
            if (!f) { fail(op, path); continue; }
            fputs(text ? text : "", f);
            if (fclose(f) != 0) { fail(op, path); continue; }
            printf("%s %s -> ok\n", op, path);
        } else if (!strcmp(op, "ls")) {
            DIR *d = opendir(path);
            if (!d) { fail(op, path); continue; }
            char *names[256];
            int n = 0;
            struct dirent *e;
            while ((e = readdir(d)) != NULL && n < 256) names[n++] = strdup(e->d_name);
            closedir(d);
            qsort(names, n, sizeof names[0], cmp);
            printf("%s %s ->", op, path);
            for (int k = 0; k < n; k++) printf(" %s", names[k]);
            printf("\n");
        } else if (!strcmp(op, "mkdir")) {
            if (mkdir(path, 0755) != 0) { fail(op, path); continue; }
            printf("%s %s -> ok\n", op, path);
        } else if (!strcmp(op, "rm")) {
            if (unlink(path) != 0) { fail(op, path); continue; }
            printf("%s %s -> ok\n", op, path);
        } else if (!strcmp(op, "rename")) {
            if (rename(path, text) != 0) { fail(op, path); continue; }
            printf("%s %s -> ok\n", op, path);
        } else if (!strcmp(op, "size")) {
            struct stat st;
            if (stat(path, &st) != 0) { fail(op, path); continue; }
            printf("%s %s -> %lld\n", op, path, (long long) st.st_size);
        } else if (!strcmp(op, "cwd")) {
            char buf[256];
            printf("%s %s -> %s\n", op, path, getcwd(buf, sizeof buf) ? buf : "?");
        } else if (!strcmp(op, "env")) {
            const char *v = getenv(path);
            printf("%s %s -> %s\n", op, path, v ? v : "(unset)");
        } else if (!strcmp(op, "exit")) {
            fflush(stdout);
            exit(atoi(path));
        } else {
            printf("unknown op %s\n", op);
            return 2;
        }
    }
    return 0;
}
