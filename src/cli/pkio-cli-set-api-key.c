/* pkio-cli-set-api-key.c
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
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pkio-cli-private.h"
#include "pkio-secret-store.h"
#include "pkio-wipe.h"

/* pkio-order set-api-key: reads the key from standard input, never from
 * argv (where `ps` and shell history would show it), into the keyring. */

#define MAX_KEY_LENGTH 1024

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} SaveData;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;

  pkio_secret_store_save_api_key_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

/* One line from stdin into @buf, without echo when it is a terminal. */
static gboolean
read_key (char  *buf,
          gsize  size)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  gboolean ok;

  if (tty)
    {
      g_printerr ("%s", _("API key: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }

  ok = fgets (buf, size, stdin) != NULL;

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }

  return ok;
}

int
_pkio_cli_set_api_key (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  char buf[MAX_KEY_LENGTH + 2];
  SaveData data = { 0 };
  char *key;
  gsize len;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Read the API key from standard input into the keyring."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr ("%s\n", _("set-api-key reads the key from standard input, not from the command line."));
      return PKIO_CLI_EXIT_USAGE;
    }

  base_url = _pkio_cli_dup_api_base_url ();
  if (base_url == NULL)
    return PKIO_CLI_EXIT_USAGE;

  if (!read_key (buf, sizeof buf))
    {
      g_printerr ("%s\n", _("No API key was given on standard input."));
      return PKIO_CLI_EXIT_USAGE;
    }

  key = g_strstrip (buf);
  len = strlen (key);
  if (len == 0 || len > MAX_KEY_LENGTH || strpbrk (key, " \t") != NULL)
    {
      pkio_wipe (buf, sizeof buf);
      g_printerr ("%s\n", _("API key: enter the key exactly as CertCentral showed it, on one line."));
      return PKIO_CLI_EXIT_USAGE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  data.loop = loop;
  pkio_secret_store_save_api_key_async (base_url, key, NULL, save_cb, &data);
  pkio_wipe (buf, sizeof buf);
  g_main_loop_run (loop);

  if (data.error != NULL)
    {
      g_printerr ("%s\n", data.error->message);
      g_clear_error (&data.error);
      return PKIO_CLI_EXIT_FAILURE;
    }

  g_print (_("The API key for %s is stored in the keyring.\n"), base_url);
  return PKIO_CLI_EXIT_OK;
}
