/* SPDX-License-Identifier: MIT */
/*
** output.c: where output goes (standard output, -o FILE, --frontier-out, the
** --svg-dir charts) and how a failed write becomes an error.
**
** A regular file, or a path that does not exist yet, is written to a
** temporary file beside it and renamed into place only when complete, so a
** failure never leaves half a file. A symlink is followed and its target
** written that way, the link itself kept. A device, FIFO or socket is written
** in place: renaming over it would replace it with a regular file. A directory
** is refused.
*/
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINK_HOPS 40  /* the kernel's limit: a longer chain is a loop */

static const char *label(const cli_output *o)
{
    return o->label ? o->label : "standard output";
}

/* The text of symlink `path`, whose lstat size is `size` (0 on some file systems). */
static char *read_link(const char *path, off_t size)
{
    size_t cap = size > 0 ? (size_t)size + 1 : 4096;
    char *text = malloc(cap);
    ssize_t n = text ? readlink(path, text, cap) : -1;
    if (n < 0 || (size_t)n == cap) {  /* an error, or the link grew meanwhile */
        free(text);
        if (n >= 0)
            errno = ENAMETOOLONG;
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* What link `from` with text `to` names: a relative `to` starts at from's directory. */
static char *link_target(const char *from, const char *to)
{
    const char *slash = strrchr(from, '/');
    if (to[0] == '/' || !slash)
        return strdup(to);
    size_t d = (size_t)(slash - from) + 1, n = strlen(to);
    char *p = malloc(d + n + 1);
    if (p) {
        memcpy(p, from, d);
        memcpy(p + d, to, n + 1);
    }
    return p;
}

/*
** Follow path through symlinks to the file it finally names: *exists is 0 when
** that is a new path (or one lstat cannot look at: creating it then says why).
** NULL with errno set on failure.
*/
static char *follow_links(const char *path, struct stat *st, int *exists)
{
    char *cur = strdup(path);
    for (int hop = 0; cur; hop++) {
        int found = lstat(cur, st) == 0;
        if (!found || !S_ISLNK(st->st_mode)) {
            *exists = found;
            return cur;
        }
        if (hop == LINK_HOPS) {
            free(cur);
            errno = ELOOP;
            return NULL;
        }
        char *text = read_link(cur, st->st_size);
        char *next = text ? link_target(cur, text) : NULL;
        free(text);
        free(cur);
        cur = next;
    }
    return NULL;
}

/* Is errno e about the path given (a usage error, like an unreadable input) rather than
   the system failing? */
static int path_error(int e)
{
    return e == ENOENT || e == ENOTDIR || e == EACCES || e == EPERM || e == EROFS ||
           e == ELOOP || e == ENAMETOOLONG || e == EISDIR || e == ENXIO;
}

/* Creating (or opening: `verb`) the output at target, which o's option named, failed with
   errno e. */
static int create_failed(const cli_output *o, const char *target, int e, const char *verb)
{
    const char *slash = strrchr(target, '/');
    if (e == ENOENT)  /* the file itself is created, so its directory is missing */
        fprintf(stderr, "parley: %s: directory %.*s does not exist; expected an existing "
                "directory\n", label(o), slash && slash > target ? (int)(slash - target) : 1,
                slash ? target : ".");
    else
        fprintf(stderr, "parley: %s: cannot %s the file: %s\n", label(o), verb, strerror(e));
    return path_error(e) ? EXIT_USAGE : EXIT_FAIL;
}

/* The mode a new file gets: what open(2) would give it under the umask. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* A regular file or a new path: a temporary file beside target, renamed over it when
   complete. o->path takes target. old: the file replaced, or NULL. */
static int open_temp(cli_output *o, char *target, const struct stat *old)
{
    size_t n = strlen(target) + 16;
    o->path = target;
    if (!(o->tmp = malloc(n)))
        return cli_out_of_memory();
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        return create_failed(o, target, e, "create");
    }
    /* mkstemp makes the file 0600: keep the mode of the file replaced, else give the one a
       plain create would */
    (void)fchmod(fd, old ? old->st_mode & 0777 : new_file_mode());
    if (!(o->f = fdopen(fd, "wb"))) {
        close(fd);
        return cli_out_of_memory();
    }
    return EXIT_OK;
}

/* A device, FIFO or socket: written in place, as a shell redirection would. */
static int open_direct(cli_output *o, const char *target)
{
    int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return create_failed(o, target, errno, "open");
    if (!(o->f = fdopen(fd, "wb"))) {
        close(fd);
        return cli_out_of_memory();
    }
    return EXIT_OK;
}

/* Free what o holds, removing a temporary file not renamed into place. */
static void release(cli_output *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->label);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

/* stdout (path NULL or "-"), or path, which option opt named, as the rules above say. */
static int open_target(cli_output *o, const char *opt, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return EXIT_OK;
    }
    if (!*path)
        return cli_usage_error("%s: expected a file name, got an empty one", opt);
    size_t n = strlen(opt) + strlen(path) + 2;
    if (!(o->label = malloc(n)))
        return cli_out_of_memory();
    snprintf(o->label, n, "%s %s", opt, path);
    struct stat st;
    int exists = 0, rc;
    char *target = follow_links(path, &st, &exists);
    if (!target)
        rc = errno == ENOMEM ? cli_out_of_memory() : create_failed(o, path, errno, "open");
    else if (exists && S_ISDIR(st.st_mode))
        rc = cli_usage_error("%s: is a directory; expected a file", o->label);
    else if (exists && !S_ISREG(st.st_mode))
        rc = open_direct(o, target);
    else
        rc = open_temp(o, target, exists ? &st : NULL);
    if (target != o->path)
        free(target);
    if (rc)
        release(o);
    return rc;
}

int cli_output_write(cli_output *o, const void *data, size_t len)
{
    if (o->werr)
        return -1;
    errno = 0;
    if (len && fwrite(data, 1, len, o->f) != len) {
        o->werr = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

int cli_output_write_fn(const char *data, size_t len, void *payload)
{
    return cli_output_write(payload, data, len);
}

int cli_output_open_raw(cli_output *o, const cli_args *a)
{
    return open_target(o, "-o", cli_get(a, "output", NULL));
}

int cli_output_open_raw_path(cli_output *o, const char *opt, const char *path)
{
    return open_target(o, opt, path);
}

int cli_write_all(const char *opt, const char *path, const void *data, size_t len)
{
    cli_output o;
    int rc = open_target(&o, opt, path);
    return rc ? rc : cli_output_close(&o, cli_output_write(&o, data, len) == 0);
}

int cli_output_open(cli_output *o, const cli_args *a, const char *csv_default)
{
    pl_format fmt = PL_FORMAT_TEXT;
    const char *name = cli_get(a, "format", NULL);
    if (name && pl_format_parse(&fmt, name) != PL_OK)
        return cli_usage_error("unknown format '%s'; expected text, json or csv", name);
    const char *table = cli_get(a, "table", NULL);
    if (table && fmt != PL_FORMAT_CSV)
        return cli_usage_error("--table chooses the CSV table; expected it with --format csv");
    return cli_output_open_path(o, "-o", cli_get(a, "output", NULL), fmt,
                                table ? table : csv_default);
}

int cli_output_open_path(cli_output *o, const char *opt, const char *path, pl_format fmt,
                         const char *csv_table)
{
    int rc = open_target(o, opt, path);
    if (rc)
        return rc;
    pl_emit_opts eo = PL_EMIT_OPTS_INIT;
    eo.csv_table = csv_table;
    pl_error err;
    if (pl_emitter_new(&o->e, fmt, cli_output_write_fn, o, &eo, &err) != PL_OK) {
        cli_report(&err, NULL, 0);
        cli_output_close(o, 0);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cli_document_begin(cli_output *o, const cli_args *a, const char *csv_default,
                       const pl_scenario *s)
{
    int rc = cli_output_open(o, a, csv_default);
    if (rc)
        return rc;
    pl_emit_document_begin(o->e, s);
    return EXIT_OK;
}

int cli_document_end(cli_output *o) { return cli_document_done(o, PL_OK); }

int cli_document_done(cli_output *o, int drc)
{
    pl_emit_object_end(o->e);
    return cli_output_done(o, drc);
}

int cli_document_result(cli_output *o, int drc, const pl_error *err)
{
    if (!drc || !err->code)
        return cli_output_done(o, drc);
    cli_report(err, NULL, 0);
    cli_output_close(o, 0);
    return cli_exit_code(err->code);
}

int cli_output_done(cli_output *o, int drc)
{
    if (drc != PL_ENOMEM)
        return cli_output_close(o, 1);
    cli_output_close(o, 0);
    return cli_out_of_memory();
}

/* Finish the emitter when the content is complete; *ok becomes 0 if that fails. */
static int finish_emitter(cli_output *o, int *ok)
{
    int status = EXIT_OK;
    pl_error err;
    pl_error_clear(&err);
    if (*ok && pl_emitter_finish(o->e, &err) != PL_OK) {
        if (!o->werr) {  /* a failed write is reported with its cause */
            fprintf(stderr, "parley: %s\n", err.msg);
            status = cli_exit_code(err.code);
        }
        *ok = 0;
    }
    pl_emitter_free(o->e);
    o->e = NULL;
    return status;
}

/* Rename the temporary file into place if the content is complete and reached the disk.
   Otherwise release() removes it. */
static int commit_temp(cli_output *o, int ok)
{
    if (ok && !o->werr && fsync(fileno(o->f)) != 0)
        o->werr = errno;
    if (fclose(o->f) != 0 && !o->werr)
        o->werr = errno;
    o->f = NULL;
    if (!ok || o->werr)
        return EXIT_OK;
    if (rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "parley: %s: cannot move the output into place: %s\n", label(o),
                strerror(errno));
        return EXIT_FAIL;
    }
    free(o->tmp);
    o->tmp = NULL;
    return EXIT_OK;
}

int cli_output_close(cli_output *o, int ok)
{
    int status = o->e ? finish_emitter(o, &ok) : EXIT_OK;
    errno = 0;
    if (fflush(o->f) != 0 && !o->werr)
        o->werr = errno ? errno : EIO;
    if (o->tmp) {
        if (commit_temp(o, ok))
            status = EXIT_FAIL;
    } else if (o->f != stdout) {
        if (fclose(o->f) != 0 && !o->werr)
            o->werr = errno;
        o->f = NULL;
    }
    if (o->werr) {
        /* a reader that went away (`parley ... | head`) needs no message */
        if (o->werr != EPIPE)
            fprintf(stderr, "parley: %s: %s\n", label(o), strerror(o->werr));
        status = EXIT_FAIL;
    } else if (!ok && status == EXIT_OK) {
        status = EXIT_FAIL;  /* the caller has said why */
    }
    release(o);
    return status;
}

int cli_close_stdout(int status)
{
    errno = 0;
    int e = fflush(stdout) != 0 ? (errno ? errno : EIO) : ferror(stdout) ? -1 : 0;
    /* with nothing to write, a closed stdout is no error */
    if (fclose(stdout) != 0 && !e && errno != EBADF)
        e = errno;
    if (!e || status != EXIT_OK)  /* a command that failed has said why */
        return status;
    if (e != EPIPE)
        fprintf(stderr, "parley: standard output: %s\n", e > 0 ? strerror(e) : "a write failed");
    return EXIT_FAIL;
}
