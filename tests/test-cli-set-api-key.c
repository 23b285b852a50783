/* test-cli-set-api-key.c
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

#include "pkio-test-utils.h"

#include <string.h>

#include "pkio-secret-store.h"

/* `pkio-order set-api-key` as a desk's script would run it, against the
 * keyring that build-aux/run-tests starts. */

#define BASE_URL "http://127.0.0.1:4999/services/v2"

static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("PKIO_ORDER_BIN"));
  g_ptr_array_add (args, (char *) "set-api-key");
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (proc);
}

static void
test_reads_stdin (void)
{
  g_autofree char *key = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *found = NULL;
  int status;

  if (!pkio_test_in_harness ())
    return;

  key = g_strdup_printf ("PKIOCLI%08X%08X", g_random_int (), g_random_int ());
  input = g_strdup_printf ("  %s  \n", key);

  status = run_cli (input, &out, &err, "--api-base-url", BASE_URL, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, BASE_URL));
  /* The key is never echoed back. */
  g_assert_null (strstr (out, key));
  g_assert_null (strstr (err, key));

  found = pkio_test_lookup_api_key (BASE_URL);
  g_assert_cmpstr (found, ==, key);
}

static void
test_refuses_argv_key (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *found = NULL;
  int status;

  if (!pkio_test_in_harness ())
    return;

  /* A key on the command line would be in `ps` and the shell history. */
  status = run_cli ("", &out, &err, "--api-base-url", "http://127.0.0.1:4998/services/v2",
                    "PKIOARGVKEY", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "standard input"));
  found = pkio_test_lookup_api_key ("http://127.0.0.1:4998/services/v2");
  g_assert_null (found);
}

static void
test_refuses_bad_input (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!pkio_test_in_harness ())
    return;

  status = run_cli ("", &out, &err, "--api-base-url", BASE_URL, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli ("two words\n", &out, &err, "--api-base-url", BASE_URL, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "API key"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Plain HTTP to another machine would send the key in the clear. */
  status = run_cli ("PKIOKEY\n", &out, &err, "--api-base-url", "http://example.com/services/v2",
                    NULL);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/cli/set-api-key/reads-stdin", test_reads_stdin);
  g_test_add_func ("/pkio/cli/set-api-key/refuses-argv-key", test_refuses_argv_key);
  g_test_add_func ("/pkio/cli/set-api-key/refuses-bad-input", test_refuses_bad_input);

  return g_test_run ();
}
