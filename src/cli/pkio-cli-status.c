/* pkio-cli-status.c
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

#include "pkio-cli-private.h"

/* pkio-order status ORDER_ID: "ORDER_ID<TAB>status", for people and for
 * a desk's scripts alike; --json prints CertCentral's answer as it came. */

int
_pkio_cli_status (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioAccount) account = NULL;
  PkioClient *client;
  g_autoptr(JsonNode) order = NULL;
  gboolean json = FALSE;
  guint64 order_id = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print CertCentral’s answer as JSON"), NULL },
    { NULL }
  };
  const char *status;

  context = g_option_context_new ("ORDER_ID");
  g_option_context_set_summary (context, _("Print the status of an order."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_USAGE;
    }

  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT64, &order_id, NULL))
    {
      g_printerr ("%s\n", _("Order number: give the order number CertCentral assigned, such as "
                            "112233."));
      return PKIO_CLI_EXIT_USAGE;
    }

  account = _pkio_cli_load_account ();
  if (account == NULL)
    return PKIO_CLI_EXIT_FAILURE;
  client = pkio_account_get_client (account);

  pkio_client_get_order_async (client, order_id, NULL, _pkio_cli_result_cb, &result);
  order = pkio_client_get_order_finish (client, _pkio_cli_wait (&result), &error);
  if (order == NULL)
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autofree char *text = json_to_string (order, TRUE);

      g_print ("%s\n", text);
      return PKIO_CLI_EXIT_OK;
    }

  status = json_object_get_string_member_with_default (json_node_get_object (order), "status", NULL);
  if (status == NULL)
    {
      g_printerr ("%s\n", _("CertCentral’s answer has no order status."));
      return PKIO_CLI_EXIT_FAILURE;
    }

  g_print ("%" G_GUINT64_FORMAT "\t%s\n", order_id, status);
  return PKIO_CLI_EXIT_OK;
}
