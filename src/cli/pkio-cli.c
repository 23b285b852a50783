/* pkio-cli.c
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

#include "pkio-cli.h"
#include "pkio-cli-private.h"

/* One row per command. Each command lives in its own pkio-cli-<name>.c. */
static const PkioCliCommand commands[] = {
  { "help", NULL, N_("Show the commands"), _pkio_cli_help },
  { "validate", "FILE.json", N_("Check an order file; list each problem with its JSON path"),
    _pkio_cli_validate },
};

static const PkioCliCommand *
find_command (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }

  return NULL;
}

gboolean
pkio_cli_is_command (const char *name)
{
  return find_command (name) != NULL;
}

int
_pkio_cli_help (int    argc,
                char **argv)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n  pkio-order                    %s\n",
                          _("Usage:"), _("Open the window"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("%s%s%s", commands[i].name,
                                                commands[i].parameters ? " " : "",
                                                commands[i].parameters ? commands[i].parameters : "");

      g_string_append_printf (out, "  pkio-order %-18s %s\n", usage, _(commands[i].summary));
    }
  g_string_append_printf (out, "\n%s\n", _("Run “pkio-order --help” for the window’s options."));

  g_print ("%s", out->str);

  return PKIO_CLI_EXIT_OK;
}

/**
 * pkio_cli_run:
 * @argc: as given to main()
 * @argv: as given to main(); argv[1] names a command
 *
 * Returns: the process exit status
 */
int
pkio_cli_run (int    argc,
              char **argv)
{
  const PkioCliCommand *command;

  g_return_val_if_fail (argc >= 2, PKIO_CLI_EXIT_USAGE);

  command = find_command (argv[1]);
  g_return_val_if_fail (command != NULL, PKIO_CLI_EXIT_USAGE);

  return command->run (argc - 1, argv + 1);
}
