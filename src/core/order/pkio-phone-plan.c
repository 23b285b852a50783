/* pkio-phone-plan.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmodule.h>

#if HAVE_PHONENUMBER
/* Only for the functions' types: the library is opened at run time. Its
 * headers use GTimeVal, deprecated since GLib 2.62. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#include <libebook-contacts/libebook-contacts.h>
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

#include "pkio-phone-plan.h"

/* The numbering plans of libphonenumber, reached through
 * evolution-data-server's libebook-contacts. Linked, they cost every start
 * about 7 MiB resident (libphonenumber, ICU, NSS, SQLite, libcamel,
 * libstdc++: issue #19) for one grouped number on Review; so the library is
 * opened, on a worker thread, only when Review is about to show it, once
 * per process, and never closed. Until then, and where it cannot be opened
 * (the Flatpak runtime's EDS is built without libphonenumber), callers
 * fall back to their own display. */

typedef struct
{
  GError   *error;   /* why there is no plan; NULL when the functions are set */
#if HAVE_PHONENUMBER
  __typeof__ (e_phone_number_from_string) *from_string;
  __typeof__ (e_phone_number_to_string)   *to_string;
  __typeof__ (e_phone_number_free)        *free;
#endif
} Outcome;

/* Set once, by the first load to finish, and read from any thread. */
static const Outcome *outcome;

/* Loads under way, for pkio_phone_plan_wait(). */
static GMutex loads_lock;
static GCond loads_done;
static guint loads;

#if HAVE_PHONENUMBER
static gboolean
lookup (GModule     *module,
        const char  *name,
        gpointer    *symbol,
        GError     **error)
{
  if (g_module_symbol (module, name, symbol) && *symbol != NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", g_module_error ());
  return FALSE;
}
#endif

/* GOnce: the first load opens the library; later ones wait for it. */
static gpointer
open_library (gpointer data)
{
  Outcome *result = g_new0 (Outcome, 1);
#if HAVE_PHONENUMBER
  __typeof__ (e_phone_number_is_supported) *is_supported = NULL;
  GModule *module;

  module = g_module_open (PKIO_EBOOK_CONTACTS_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (&result->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", g_module_error ());
    }
  else
    {
      /* Its C++ libraries cannot be unloaded safely; it stays for the process. */
      g_module_make_resident (module);
      if (lookup (module, "e_phone_number_is_supported", (gpointer *) &is_supported, &result->error) &&
          lookup (module, "e_phone_number_from_string", (gpointer *) &result->from_string,
                  &result->error) &&
          lookup (module, "e_phone_number_to_string", (gpointer *) &result->to_string,
                  &result->error) &&
          lookup (module, "e_phone_number_free", (gpointer *) &result->free, &result->error) &&
          !is_supported ())
        g_set_error_literal (&result->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             "evolution-data-server is built without libphonenumber");
    }
#else
  g_set_error_literal (&result->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "built without libphonenumber (-Dphonenumber=disabled)");
#endif

  if (result->error != NULL)
    g_debug ("No numbering plans: %s", result->error->message);

  return result;
}

static void
return_outcome (GTask         *task,
                const Outcome *done)
{
  if (done->error != NULL)
    g_task_return_error (task, g_error_copy (done->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  static GOnce once = G_ONCE_INIT;
  const Outcome *done = g_once (&once, open_library, NULL);

  g_atomic_pointer_set (&outcome, done);
  return_outcome (task, done);

  g_mutex_lock (&loads_lock);
  loads--;
  g_cond_broadcast (&loads_done);
  g_mutex_unlock (&loads_lock);
}

/**
 * pkio_phone_plan_load_async:
 *
 * Opens libphonenumber's numbering plans for the process, off the calling
 * thread; once loaded, later calls complete at once (in the next main
 * context iteration). Cancelled, the call finishes with
 * %G_IO_ERROR_CANCELLED, but the load itself goes on for later callers.
 */
void
pkio_phone_plan_load_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const Outcome *done;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pkio_phone_plan_load_async);

  done = g_atomic_pointer_get (&outcome);
  if (done != NULL)
    {
      return_outcome (task, done);
      return;
    }

  g_mutex_lock (&loads_lock);
  loads++;
  g_mutex_unlock (&loads_lock);
  g_task_run_in_thread (task, load_thread);
}

/**
 * pkio_phone_plan_wait:
 *
 * Blocks until no load is under way; at once when none was started. For
 * the end of the process only: exit() while the worker is still opening
 * the C++ libraries tore them down under it (a crash after the last test
 * of test-desk had left Review loading them).
 */
void
pkio_phone_plan_wait (void)
{
  g_mutex_lock (&loads_lock);
  while (loads > 0)
    g_cond_wait (&loads_done, &loads_lock);
  g_mutex_unlock (&loads_lock);
}

/**
 * pkio_phone_plan_load_finish:
 *
 * Returns: %TRUE when the plans are loaded; else %FALSE with
 *   %G_IO_ERROR_NOT_FOUND (the library or one of its functions could not
 *   be found) or %G_IO_ERROR_NOT_SUPPORTED (a build or an
 *   evolution-data-server without libphonenumber)
 */
gboolean
pkio_phone_plan_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pkio_phone_plan_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pkio_phone_plan_is_loaded:
 *
 * Returns: whether pkio_phone_plan_dup_international() groups numbers;
 *   safe from any thread
 */
gboolean
pkio_phone_plan_is_loaded (void)
{
  const Outcome *done = g_atomic_pointer_get (&outcome);

  return done != NULL && done->error == NULL;
}

/**
 * pkio_phone_plan_dup_international:
 * @e164: a number in E.164, "+31612345678"
 *
 * Returns: (transfer full) (nullable): @e164 in international format,
 *   grouped by its country's plan ("+31 6 12345678"); %NULL when the plans
 *   are not loaded or do not know the number
 */
char *
pkio_phone_plan_dup_international (const char *e164)
{
#if HAVE_PHONENUMBER
  const Outcome *done = g_atomic_pointer_get (&outcome);
  EPhoneNumber *number;
  char *shown = NULL;

  g_return_val_if_fail (e164 != NULL, NULL);

  if (done == NULL || done->error != NULL)
    return NULL;

  number = done->from_string (e164, NULL, NULL);
  if (number != NULL)
    shown = done->to_string (number, E_PHONE_NUMBER_FORMAT_INTERNATIONAL);
  g_clear_pointer (&number, done->free);

  return shown;
#else
  g_return_val_if_fail (e164 != NULL, NULL);

  return NULL;
#endif
}
