/* test-cli-validate.c
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

/* Runs the built `pkio-order validate` as a user would, with no display,
 * and checks the exit status and what it prints. */

typedef struct
{
  const char *name;
  const char *file;          /* in tests/data; NULL: no argument at all */
  int         status;
  const char *paths;         /* the problem paths printed, space-separated */
} CliCase;

static const CliCase cli_cases[] = {
  { "example-1", "example-1.json", 0, "" },
  { "example-2", "example-2.json", 0, "" },
  { "broken-1", "broken-1.json", 1,
    "ship_info.colour certificate.individual.first_name certificate.individual.email "
    "certificate.individual.telephone certificate.individual.zip order_validity.days "
    "ship_info.state csa_agreed_to" },
  { "not-json", "not-json.txt", 2, NULL },
  { "missing-file", "does-not-exist.json", 2, NULL },
  { "no-argument", NULL, 2, NULL },
};

static void
test_cli (gconstpointer data)
{
  const CliCase *c = data;
  const char *binary = g_getenv ("PKIO_ORDER_BIN");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GString) paths = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (binary);
  if (c->file != NULL)
    file = g_test_build_filename (G_TEST_DIST, "data", c->file, NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, binary, "validate", file, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, c->status);

  if (c->paths == NULL)
    {
      /* Unreadable: nothing on stdout, the reason on stderr. */
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
      return;
    }

  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *separator = strstr (lines[i], ": ");

      /* "json.path: message", the message naming the field. */
      g_assert_nonnull (separator);
      g_assert_cmpuint (strlen (separator + 2), >, 0);
      g_string_append_printf (paths, "%s%.*s", i ? " " : "",
                              (int) (separator - lines[i]), lines[i]);
    }
  g_assert_cmpstr (paths->str, ==, c->paths);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cli_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/pkio/cli/validate/", cli_cases[i].name, NULL);

      g_test_add_data_func (path, &cli_cases[i], test_cli);
    }

  return g_test_run ();
}
