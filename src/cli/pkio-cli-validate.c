/* pkio-cli-validate.c
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

#include <glib/gi18n.h>
#include <string.h>

#include "pkio-cli-private.h"
#include "pkio-order-json.h"
#include "pkio-order-problem.h"
#include "pkio-wipe.h"

/* `pkio-order validate FILE.json`: the wizard's rules, from a terminal. */

#define EXIT_VALID      PKIO_CLI_EXIT_OK
#define EXIT_INVALID    1
#define EXIT_UNREADABLE 2

/**
 * _pkio_cli_read_order:
 * @filename: an order file, in the documented request shape
 * @order: (out) (optional): the order, when it is valid
 *
 * Reads and checks an order file as `validate` does, printing each problem
 * as "json.path: message" on standard output.
 *
 * Returns: 0 when the order is valid, else the exit status to end with
 */
int
_pkio_cli_read_order (const char  *filename,
                      PkioOrder  **order)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gboolean parsed;

  if (!g_file_get_contents (filename, &contents, &length, &error))
    {
      /* Translators: the first %s is a file name, the second why it failed */
      g_printerr (_("Cannot read %s: %s\n"), filename, error->message);
      return EXIT_UNREADABLE;
    }

  parsed = pkio_order_json_check_data (contents, length, &problems, &error);
  if (parsed && problems->len == 0 && order != NULL)
    {
      g_autoptr(GPtrArray) none = pkio_order_problem_list_new ();

      *order = pkio_order_new_from_json_data (contents, length, none, NULL);
    }

  /* An order file may hold a card number: do not leave it in freed memory. */
  pkio_wipe (contents, length);

  if (!parsed)
    {
      /* Translators: the first %s is a file name, the second the parser's message */
      g_printerr (_("%s is not JSON: %s\n"), filename, error->message);
      return EXIT_UNREADABLE;
    }

  /* One line per problem, "json.path: message", for people and for grep. */
  for (guint i = 0; i < problems->len; i++)
    {
      const PkioOrderProblem *problem = g_ptr_array_index (problems, i);

      g_print ("%s: %s\n", problem->path, problem->error->message);
    }

  return problems->len == 0 ? EXIT_VALID : EXIT_INVALID;
}

int
_pkio_cli_validate (int    argc,
                    char **argv)
{
  if (argc != 2)
    {
      g_printerr ("%s pkio-order validate FILE.json\n", _("Usage:"));
      return PKIO_CLI_EXIT_USAGE;
    }

  return _pkio_cli_read_order (argv[1], NULL);
}
