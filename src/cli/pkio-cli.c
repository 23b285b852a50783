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
#include <string.h>

#include "pkio-cli.h"
#include "pkio-cli-private.h"
#include "pkio-secret-store.h"
#include "pkio-settings.h"

#define API_BASE_URL_OPTION "--api-base-url"

/* The global --api-base-url, taken out of argv before the command sees it. */
static char *api_base_url_option;

/* One row per command. Each command lives in its own pkio-cli-<name>.c. */
static const PkioCliCommand commands[] = {
  { "help", NULL, N_("Show the commands"), _pkio_cli_help },
  { "outbox", "list|flush", N_("Show the outbox, or send the queued orders"), _pkio_cli_outbox },
  { "set-api-key", NULL, N_("Read the API key from standard input into the keyring"),
    _pkio_cli_set_api_key },
  { "status", "ORDER_ID", N_("Print the order’s status"), _pkio_cli_status },
  { "submit", "FILE.json", N_("Submit an order body and print its order id"), _pkio_cli_submit },
  { "tokens", "[--json]", N_("List the inserted signing tokens"), _pkio_cli_tokens },
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

/* The value of a global option at argv[*i], advancing past it. */
static const char *
take_global_option (char **argv,
                    int   *i)
{
  const char *arg = argv[*i];

  if (g_str_equal (arg, API_BASE_URL_OPTION) && argv[*i + 1] != NULL)
    {
      *i += 1;
      return argv[*i];
    }
  if (g_str_has_prefix (arg, API_BASE_URL_OPTION "="))
    return arg + strlen (API_BASE_URL_OPTION "=");

  return NULL;
}

/**
 * pkio_cli_find_command:
 * @argv: as given to main()
 *
 * Returns: whether @argv names a command, after any global options
 */
gboolean
pkio_cli_find_command (char **argv)
{
  for (int i = 1; argv[i] != NULL; i++)
    {
      if (take_global_option (argv, &i) != NULL)
        continue;

      return find_command (argv[i]) != NULL;
    }

  return FALSE;
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
  const PkioCliCommand *command = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_return_val_if_fail (argc >= 2, PKIO_CLI_EXIT_USAGE);

  /* Global options may stand before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *value = take_global_option (argv, &i);

      if (value != NULL)
        {
          g_free (api_base_url_option);
          api_base_url_option = g_strdup (value);
        }
      else if (command == NULL)
        {
          command = find_command (argv[i]);
          g_ptr_array_add (args, argv[i]);
        }
      else
        {
          g_ptr_array_add (args, argv[i]);
        }
    }
  g_return_val_if_fail (command != NULL, PKIO_CLI_EXIT_USAGE);
  g_ptr_array_add (args, NULL);

  return command->run (args->len - 1, (char **) args->pdata);
}

/**
 * _pkio_cli_dup_api_base_url:
 *
 * Returns: (transfer full): --api-base-url if given, else the setting; after
 *   printing why, %NULL if it is not a usable address
 */
char *
_pkio_cli_dup_api_base_url (void)
{
  g_autofree char *url = NULL;

  if (api_base_url_option != NULL)
    {
      url = g_strdup (api_base_url_option);
    }
  else
    {
      g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);

      url = pkio_settings_dup_api_base_url (settings);
    }

  if (!pkio_settings_is_acceptable_api_base_url (url))
    {
      g_autofree char *why = pkio_settings_explain_api_base_url (url);

      g_printerr ("%s\n", why);
      return NULL;
    }

  return g_steal_pointer (&url);
}

/**
 * _pkio_cli_result_cb:
 * @user_data: a `GAsyncResult **` to set
 */
void
_pkio_cli_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * _pkio_cli_wait:
 *
 * Runs the main context until @result is set by _pkio_cli_result_cb().
 *
 * Returns: (transfer none): *@result
 */
GAsyncResult *
_pkio_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * _pkio_cli_load_account:
 *
 * Returns: (transfer full) (nullable): the account of the configured
 *   address with the key stored for it, or %NULL after printing why not
 */
PkioAccount *
_pkio_cli_load_account (void)
{
  g_autofree char *base_url = _pkio_cli_dup_api_base_url ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioAccount) account = NULL;

  if (base_url == NULL)
    return NULL;

  account = pkio_account_new (base_url);
  pkio_account_load_api_key_async (account, NULL, _pkio_cli_result_cb, &result);
  if (!pkio_account_load_api_key_finish (account, _pkio_cli_wait (&result), &error))
    {
      if (error != NULL)
        g_printerr ("%s\n", error->message);
      else
        g_printerr (_("No API key is stored for %s. Store one with "
                      "“pkio-order set-api-key”.\n"),
                    base_url);
      return NULL;
    }

  return g_steal_pointer (&account);
}
