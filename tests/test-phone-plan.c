/* test-phone-plan.c
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

#include <gio/gio.h>
#include <string.h>

#include "pkio-phone-plan.h"
#include "pkio-test-utils.h"
#include "pkio-validate.h"

/* The numbering plans cost about 7 MiB resident (issue #19): nothing of
 * them may be in the process before something asks for them. A program of
 * its own, so that no other test has loaded them first. */

static gboolean
maps_have (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, name) != NULL;
}

static void
test_lazy (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  g_assert_false (pkio_phone_plan_is_loaded ());
  g_assert_false (maps_have ("libebook-contacts"));
  g_assert_false (maps_have ("libphonenumber"));
  g_assert_null (pkio_phone_plan_dup_international ("+31612345678"));

  /* A caller that goes away gets its cancellation; the load goes on for
   * the next ones, which may ask at the same time. */
  pkio_phone_plan_load_async (cancellable, pkio_test_result_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  pkio_phone_plan_load_async (NULL, pkio_test_result_cb, &first);
  pkio_phone_plan_load_async (NULL, pkio_test_result_cb, &second);
  /* The end of a process waits for the loads, with no main loop running:
   * the library is open when the wait returns. */
  pkio_phone_plan_wait ();
#if HAVE_PHONENUMBER
  g_assert_true (maps_have ("libebook-contacts-1.2.so"));
#endif
  g_assert_false (pkio_phone_plan_load_finish (pkio_test_wait_result (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  loaded = pkio_phone_plan_load_finish (pkio_test_wait_result (&first), &error);
  if (!loaded)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_cmpint (pkio_phone_plan_load_finish (pkio_test_wait_result (&second), NULL), ==, loaded);
  g_assert_cmpint (pkio_phone_plan_is_loaded (), ==, loaded);

#if HAVE_PHONENUMBER
  /* Built with it, the library opens (a wrong soname would fail here);
   * only an EDS built without libphonenumber has none to bring. */
  g_assert_true (maps_have ("libebook-contacts-1.2.so"));
  g_assert_cmpint (maps_have ("libphonenumber"), ==, loaded);
#else
  g_assert_false (loaded);
  g_assert_false (maps_have ("libebook-contacts"));
#endif

  if (loaded)
    {
      g_autofree char *shown = pkio_telephone_dup_display ("+31612345678");

      g_assert_cmpstr (shown, ==, "+31 6 12345678");
    }

  /* Once loaded, a later call needs no thread: it is ready at once. */
  pkio_phone_plan_load_async (NULL, pkio_test_result_cb, &again);
  pkio_test_run_ready ();
  g_assert_nonnull (again);
  g_assert_cmpint (pkio_phone_plan_load_finish (again, NULL), ==, loaded);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/phone-plan/lazy", test_lazy);

  return g_test_run ();
}
