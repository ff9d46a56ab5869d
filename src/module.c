/* SPDX-License-Identifier: MIT */
/* Loading the modules (see module.h). */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "module.h"

/* The installed module directory, from the build (programs that link the
 * modules in, like the fuzz targets, never look there). */
#ifndef MODULEDIR
#define MODULEDIR "/usr/local/lib/diglot"
#endif

/* Defined when a module's objects are linked in. */
extern const struct forms_module diglot_forms __attribute__((weak));
extern const struct pdf_module diglot_pdf __attribute__((weak));

/* Where the module file is: beside the program (an uninstalled build),
 * else in MODULEDIR. */
static void
module_path(const char *file, char *path, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			slash[1] = '\0';
			snprintf(path, size, "%s%s", exe, file);
			if (access(path, R_OK) == 0)
				return;
		}
	}
	snprintf(path, size, "%s/%s", MODULEDIR, file);
}

const void *
module_symbol(const char *file, const char *symbol, struct buf *why)
{
	char path[PATH_MAX + 64];
	void *handle, *sym;
	const char *err;

	module_path(file, path, sizeof path);
	/* A module loaded before is found again by dlopen. */
	handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		err = dlerror();
		if (err && strstr(err, path))
			buf_printf(why, "cannot load a module: %s (reinstall diglot)", err);
		else
			buf_printf(why, "cannot load a module: %s: %s (reinstall diglot)",
			    path, err ? err : "unknown error");
		return NULL;
	}
	sym = dlsym(handle, symbol);
	if (!sym) {
		buf_printf(why, "%s has no %s: it is not this version's module "
		    "(reinstall diglot)", path, symbol);
		dlclose(handle);
		return NULL;
	}
	return sym;
}

/* The table linked (non-NULL when the module's objects are linked in),
 * else the one of the module file, loaded once into *loaded. */
static const void *
module_table(const void *linked, const void **loaded, const char *file,
    const char *symbol, struct buf *why)
{
	if (linked)
		return linked;
	if (!*loaded)
		*loaded = module_symbol(file, symbol, why);
	return *loaded;
}

const struct forms_module *
forms_module(struct buf *why)
{
	static const void *m;

	return module_table(&diglot_forms, &m, "diglot-forms.so", "diglot_forms", why);
}

const struct pdf_module *
pdf_module(struct buf *why)
{
	static const void *m;

	return module_table(&diglot_pdf, &m, "diglot-pdf.so", "diglot_pdf", why);
}
