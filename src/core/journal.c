/* journal.c — periodic snapshots of unsaved reports outside the working tree. */
#include "config.h"
#include "nianbao/journal.h"
#include "nianbao/safewrite.h"
#include "nianbao/yamlio.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JOURNAL_SUFFIX ".journal"
#define JOURNAL_MAGIC "nianbao-journal: 1"
/* The header is small; the payload is at most a report. */
#define JOURNAL_MAX_BYTES (NB_MAX_INPUT_BYTES + 64 * 1024)

char *nb_journal_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	if (state && *state == '/')
		return nb_xasprintf("%s/nianbao", state);
	const char *home = getenv("HOME");
	if (home && *home == '/')
		return nb_xasprintf("%s/.local/state/nianbao", home);
	return NULL;
}

int nb_journal_make_dir(const char *dir, nb_error *err)
{
	char *p = nb_xstrdup(dir);
	/* Parents first; existing ones are left as they are (they may be $HOME). */
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			nb_error_set(err, "%s: cannot create directory: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		nb_error_set(err, "%s: cannot create directory: %s", dir, strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(dir, &st) != 0) {
		nb_error_set(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		nb_error_set(err, "%s: not a directory; nianbao keeps its journals there", dir);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		nb_error_set(err, "%s: belongs to another user; not keeping journals there", dir);
		return -1;
	}
	/* Journals hold whole drafts: nobody else may even list them. */
	if ((st.st_mode & 077) && chmod(dir, 0700) != 0) {
		nb_error_set(err, "%s: cannot make it private: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

char *nb_journal_key(const char *path)
{
	if (!path || !*path)
		return nb_xasprintf("untitled-%ld", (long)getpid());
	char *real = realpath(path, NULL);
	if (real)
		return real;
	/* A report not yet on disk: resolve its directory, keep its name. */
	const char *slash = strrchr(path, '/');
	char *dir = slash ? nb_xstrndup(path, (size_t)(slash - path)) : nb_xstrdup(".");
	if (!*dir) {
		free(dir);
		dir = nb_xstrdup("/");
	}
	char *rdir = realpath(dir, NULL);
	free(dir);
	const char *name = slash ? slash + 1 : path;
	char *key;
	if (rdir) {
		key = nb_xasprintf("%s%s%s", rdir, strcmp(rdir, "/") == 0 ? "" : "/", name);
		free(rdir);
	} else if (*path == '/') {
		key = nb_xstrdup(path);
	} else {
		char cwd[PATH_MAX];
		key = getcwd(cwd, sizeof cwd) ? nb_xasprintf("%s/%s", cwd, path) : nb_xstrdup(path);
	}
	return key;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

char *nb_journal_path(const char *path)
{
	char *dir = nb_journal_dir();
	if (!dir)
		return NULL;
	char *key = nb_journal_key(path);
	const char *slash = strrchr(key, '/');
	const char *base = slash ? slash + 1 : key;
	/* The base name makes the directory readable to people; the hash makes it unique. */
	char name[49];
	size_t j = 0;
	for (const char *s = base; *s && j + 1 < sizeof name; s++) {
		unsigned char c = (unsigned char)*s;
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			    c == '.' || c == '-' || c == '_';
		name[j++] = keep ? (char)c : '_';
	}
	name[j] = '\0';
	char *out = nb_xasprintf("%s/%s-%016" PRIx64 JOURNAL_SUFFIX, dir, name,
				 fnv1a(key, strlen(key)));
	free(key);
	free(dir);
	return out;
}

void nb_journal_info_free(nb_journal_info *info)
{
	if (!info)
		return;
	free(info->journal_path);
	free(info->report_path);
	memset(info, 0, sizeof *info);
}

/* Paths may contain any byte but '\0'; the header is line-based, so escape what would break it. */
static void add_escaped(nb_sb *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f || c == '%')
			nb_sb_printf(sb, "%%%02X", c);
		else
			nb_sb_addc(sb, (char)c);
	}
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static char *unescape(const char *s, size_t n)
{
	nb_sb sb = {0};
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hex_digit(s[i + 1])) >= 0 &&
		    (lo = hex_digit(s[i + 2])) >= 0 && (hi || lo)) {
			nb_sb_addc(&sb, (char)(hi * 16 + lo));
			i += 2;
			continue;
		}
		nb_sb_addc(&sb, s[i]);
	}
	return nb_sb_take(&sb);
}

int nb_journal_write(const char *path, const nb_report *report, int section, size_t offset,
		     nb_error *err)
{
	size_t ylen = 0;
	char *yaml = nb_yaml_save(report, &ylen);
	int rc = nb_journal_write_yaml(path, yaml, ylen, section, offset, err);
	free(yaml);
	return rc;
}

int nb_journal_write_yaml(const char *path, const char *yaml, size_t ylen, int section,
			  size_t offset, nb_error *err)
{
	char *dir = nb_journal_dir();
	if (!dir) {
		nb_error_set(err, "no place for the journal: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	if (nb_journal_make_dir(dir, err) != 0) {
		free(dir);
		return -1;
	}
	free(dir);
	char *key = nb_journal_key(path);
	nb_sb sb = {0};
	nb_sb_adds(&sb, "# nianbao: unsaved edits, offered back when the report is next opened\n");
	nb_sb_adds(&sb, JOURNAL_MAGIC "\npath: ");
	add_escaped(&sb, key);
	nb_sb_printf(&sb, "\nsaved: %lld\nsection: %d\noffset: %zu\nbytes: %zu\nchecksum: %016" PRIx64
		     "\n---\n", (long long)time(NULL), section, offset, ylen, fnv1a(yaml, ylen));
	nb_sb_add(&sb, yaml, ylen);
	free(key);
	char *jpath = nb_journal_path(path);
	int rc = nb_write_atomic(jpath, sb.s, sb.len, 0600, err);
	/* An existing journal keeps its mode through nb_write_atomic; a journal is always private. */
	if (rc == 0)
		chmod(jpath, 0600);
	free(jpath);
	nb_sb_free(&sb);
	return rc;
}

/* A parsed journal file: header fields and where the payload is. */
typedef struct journal_file {
	char *data;
	size_t len;
	nb_journal_info info;
	const char *payload;
	size_t payload_len;
	char why[200];      /* what is damaged, when info.damaged */
} journal_file;

static void journal_file_free(journal_file *jf)
{
	free(jf->data);
	nb_journal_info_free(&jf->info);
}

static bool parse_number(const char *v, size_t n, unsigned long long *out)
{
	if (n == 0 || n > 20)
		return false;
	unsigned long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (unsigned long long)(v[i] - '0');
	}
	*out = x;
	return true;
}

/* Reads and checks a journal file. 0 read (possibly damaged: jf->info.damaged), -1 unreadable. */
static int read_journal(const char *jpath, journal_file *jf, nb_error *err)
{
	memset(jf, 0, sizeof *jf);
	if (nb_read_file(jpath, JOURNAL_MAX_BYTES, &jf->data, &jf->len, err) != 0)
		return -1;
	jf->info.journal_path = nb_xstrdup(jpath);
	jf->info.section = -1;
	const char *p = jf->data, *end = jf->data + jf->len;
	bool magic = false, have_bytes = false, have_sum = false, sep = false;
	unsigned long long bytes = 0, sum = 0, num;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		size_t n = (size_t)(nl - p);
		if (n == 3 && memcmp(p, "---", 3) == 0) {
			sep = true;
			p = nl + 1;
			break;
		}
		const char *colon = memchr(p, ':', n);
		if (p[0] != '#' && colon) {
			size_t klen = (size_t)(colon - p);
			const char *v = colon + 1;
			while (v < nl && *v == ' ')
				v++;
			size_t vlen = (size_t)(nl - v);
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(p, k, klen) == 0)
			if (n == sizeof JOURNAL_MAGIC - 1 && memcmp(p, JOURNAL_MAGIC, n) == 0)
				magic = true;
			else if (KEY("path")) {
				free(jf->info.report_path);
				jf->info.report_path = unescape(v, vlen);
			} else if (KEY("saved") && parse_number(v, vlen, &num))
				jf->info.saved = (time_t)num;
			else if (KEY("section")) {
				if (vlen >= 1 && v[0] == '-')
					jf->info.section = -1;
				else if (parse_number(v, vlen, &num) && num <= INT_MAX)
					jf->info.section = (int)num;
			} else if (KEY("offset") && parse_number(v, vlen, &num))
				jf->info.offset = (size_t)num;
			else if (KEY("bytes") && parse_number(v, vlen, &num)) {
				bytes = num;
				have_bytes = true;
			} else if (KEY("checksum") && vlen == 16) {
				char hex[17];
				memcpy(hex, v, 16);
				hex[16] = '\0';
				char *e;
				sum = strtoull(hex, &e, 16);
				have_sum = *e == '\0';
			}
#undef KEY
		}
		p = nl + 1;
	}
	jf->payload = p;
	jf->payload_len = (size_t)(end - p);
	jf->info.size = jf->payload_len;
	if (!magic || !sep || !have_bytes || !have_sum || !jf->info.report_path)
		snprintf(jf->why, sizeof jf->why, "not a nianbao journal, or its header is cut off");
	else if (bytes != jf->payload_len)
		snprintf(jf->why, sizeof jf->why, "it holds %zu bytes of the report, its header says %llu",
			 jf->payload_len, bytes);
	else if (sum != fnv1a(jf->payload, jf->payload_len))
		snprintf(jf->why, sizeof jf->why, "checksum mismatch: the contents were changed or damaged");
	jf->info.damaged = jf->why[0] != '\0';
	return 0;
}

int nb_journal_find(const char *path, nb_journal_info *info, nb_error *err)
{
	memset(info, 0, sizeof *info);
	char *jpath = nb_journal_path(path);
	if (!jpath)
		return 0;
	struct stat st;
	if (lstat(jpath, &st) != 0) {
		int e = errno;
		if (e != ENOENT)
			nb_error_set(err, "%s: %s", jpath, strerror(e));
		free(jpath);
		return e == ENOENT ? 0 : -1;
	}
	journal_file jf;
	if (read_journal(jpath, &jf, err) != 0) {
		free(jpath);
		journal_file_free(&jf);
		return -1;
	}
	char *key = nb_journal_key(path);
	/* Another path with the same hash: not this report's journal. A damaged header cannot tell,
	 * so it is shown to the user rather than ignored. */
	int found = jf.info.damaged || (jf.info.report_path && strcmp(jf.info.report_path, key) == 0);
	free(key);
	free(jpath);
	if (found) {
		*info = jf.info;
		memset(&jf.info, 0, sizeof jf.info);
	}
	journal_file_free(&jf);
	return found;
}

int nb_journal_load_file(const char *jpath, nb_report **report, int *section, size_t *offset,
			 nb_error *err)
{
	*report = NULL;
	journal_file jf;
	if (read_journal(jpath, &jf, err) != 0) {
		journal_file_free(&jf);
		return -1;
	}
	if (jf.info.damaged) {
		nb_error_set(err, "%s: journal is damaged (%s); it was kept, not deleted", jpath, jf.why);
		journal_file_free(&jf);
		return -1;
	}
	nb_error yerr = {{0}};
	nb_report *r = nb_yaml_load(jf.payload, jf.payload_len, jpath, NULL, &yerr);
	if (!r) {
		nb_error_set(err, "%s: journal is damaged (%s); it was kept, not deleted", jpath, yerr.msg);
		journal_file_free(&jf);
		return -1;
	}
	if (section)
		*section = jf.info.section;
	if (offset)
		*offset = jf.info.offset;
	*report = r;
	journal_file_free(&jf);
	return 0;
}

int nb_journal_load(const char *path, nb_report **report, int *section, size_t *offset,
		    nb_error *err)
{
	*report = NULL;
	char *jpath = nb_journal_path(path);
	if (!jpath) {
		nb_error_set(err, "no journal directory: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	int rc = nb_journal_load_file(jpath, report, section, offset, err);
	free(jpath);
	return rc;
}

int nb_journal_discard(const char *path, nb_error *err)
{
	char *jpath = nb_journal_path(path);
	if (!jpath)
		return 0;
	int rc = 0;
	if (unlink(jpath) != 0 && errno != ENOENT) {
		nb_error_set(err, "%s: cannot delete journal: %s", jpath, strerror(errno));
		rc = -1;
	}
	free(jpath);
	return rc;
}

static int newest_first(const void *a, const void *b)
{
	const nb_journal_info *x = a, *y = b;
	return (x->saved < y->saved) - (x->saved > y->saved);
}

nb_journal_info *nb_journal_list(size_t *n, nb_error *err)
{
	*n = 0;
	char *dir = nb_journal_dir();
	if (!dir)
		return NULL;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno != ENOENT)
			nb_error_set(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	nb_journal_info *v = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		size_t sl = sizeof JOURNAL_SUFFIX - 1;
		if (len <= sl || strcmp(de->d_name + len - sl, JOURNAL_SUFFIX) != 0)
			continue;
		char *jpath = nb_xasprintf("%s/%s", dir, de->d_name);
		journal_file jf;
		if (read_journal(jpath, &jf, NULL) == 0) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				v = nb_xrealloc(v, cap * sizeof *v);
			}
			v[(*n)++] = jf.info;
			memset(&jf.info, 0, sizeof jf.info);
		}
		journal_file_free(&jf);
		free(jpath);
	}
	closedir(d);
	free(dir);
	if (*n > 1)
		qsort(v, *n, sizeof *v, newest_first);
	return v;
}
