/* pkio-cli-submit.c
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
#include "pkio-order-json.h"

/* pkio-order submit FILE.json: checks the order as `validate` does, sends
 * it and prints CertCentral's answer, {"id":…,"certificate_id":…}. Exit 0
 * placed, 1 invalid, refused or failed (nothing was ordered), 2 the file
 * cannot be read, 3 outcome unknown: the order may exist, so do not simply
 * run it again.
 *
 * It goes through the window's outbox and history: marked as being sent
 * before the POST, in the history once placed; when the outcome is unknown
 * it stays in the outbox for reconciliation, and when CertCentral cannot be
 * reached it stays queued for `pkio-order outbox flush`. */

static void
retry_scheduled_cb (PkioClient *client,
                    guint       attempt,
                    gint64      delay,
                    gpointer    user_data)
{
  g_printerr (_("CertCentral asked to slow down; trying again in %u s (attempt %u of %u).\n"),
              (guint) ((delay + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC), attempt + 1,
              PKIO_RETRY_MAX_ATTEMPTS + 1);
}

/* {"id":…,"certificate_id":…}, or the requests while there is no
 * certificate yet (the shape sibling products answer with). */
static char *
receipt_to_json (const PkioOrderReceipt *receipt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, receipt->id);
  if (receipt->certificate_id > 0)
    {
      json_builder_set_member_name (builder, "certificate_id");
      json_builder_add_int_value (builder, receipt->certificate_id);
    }
  if (receipt->requests != NULL && receipt->requests->len > 0)
    {
      json_builder_set_member_name (builder, "requests");
      json_builder_begin_array (builder);
      for (guint i = 0; i < receipt->requests->len; i++)
        {
          const PkioOrderReceiptRequest *request = g_ptr_array_index (receipt->requests, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, request->id);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, request->status);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

int
_pkio_cli_submit (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioAccount) account = NULL;
  g_autoptr(PkioOrderBook) book = NULL;
  PkioOutbox *outbox;
  g_autoptr(PkioOrder) order = NULL;
  int status;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  context = g_option_context_new ("FILE.json");
  g_option_context_set_summary (context, _("Submit an order body to CertCentral."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("%s pkio-order submit FILE.json\n", _("Usage:"));
      return PKIO_CLI_EXIT_USAGE;
    }

  /* Nothing invalid goes out: CertCentral would refuse it at best. */
  status = _pkio_cli_read_order (argv[1], &order);
  if (status != PKIO_CLI_EXIT_OK)
    return status;

  /* Sent as the model writes it: the documented shape, normalised. */
  pkio_order_normalize (order);

  account = _pkio_cli_load_account ();
  if (account == NULL)
    return PKIO_CLI_EXIT_FAILURE;
  g_signal_connect (pkio_account_get_client (account), "retry-scheduled",
                    G_CALLBACK (retry_scheduled_cb), NULL);

  status = _pkio_cli_open_book (account, &book, NULL);
  if (status != PKIO_CLI_EXIT_OK)
    return status;
  outbox = pkio_order_book_get_outbox (book);

  pkio_outbox_enqueue_async (outbox, order, NULL, _pkio_cli_result_cb, &result);
  id = pkio_outbox_enqueue_finish (outbox, _pkio_cli_wait (&result), &error);
  if (id == NULL)
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_FAILURE;
    }

  /* A card order's details come from the file and go only to CertCentral. */
  g_clear_object (&result);
  pkio_outbox_send_async (outbox, id,
                          pkio_order_get_payment_method (order) == PKIO_PAYMENT_METHOD_CARD
                          ? order : NULL,
                          PKIO_OUTBOX_SEND_NONE, NULL, _pkio_cli_result_cb, &result);
  receipt = pkio_outbox_send_finish (outbox, _pkio_cli_wait (&result), &error);
  pkio_order_wipe_card_secrets (order);
  if (receipt == NULL)
    {
      GPtrArray *api_errors = pkio_client_error_get_api_errors (error);
      const PkioOutboxEntry *entry = pkio_outbox_lookup (outbox, id);

      g_printerr ("%s\n", error->message);
      for (guint i = 0; api_errors != NULL && i < api_errors->len; i++)
        {
          const PkioApiError *api_error = g_ptr_array_index (api_errors, i);

          g_printerr ("%s: %s\n", api_error->field ? api_error->field : api_error->code,
                      api_error->message);
        }

      if (entry != NULL && entry->state == PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN)
        {
          g_printerr ("%s\n", _("The order is kept in the outbox as “outcome unknown”. Check "
                                "the account’s orders (“pkio-order outbox list”) before sending "
                                "it again."));
          return PKIO_CLI_EXIT_OUTCOME_UNKNOWN;
        }
      if (entry != NULL && (entry->state == PKIO_OUTBOX_STATE_QUEUED ||
                            entry->state == PKIO_OUTBOX_STATE_NEEDS_PAYMENT))
        {
          /* Nothing reached CertCentral. A balance order waits for
           * `outbox flush`; a card order cannot wait without its card, so
           * it leaves the outbox. */
          if (entry->state == PKIO_OUTBOX_STATE_QUEUED)
            {
              g_printerr ("%s\n", _("The order is queued in the outbox; "
                                    "“pkio-order outbox flush” sends it."));
              return PKIO_CLI_EXIT_FAILURE;
            }
        }

      /* Refused: the file is where it gets fixed, so no failed entry is
       * left behind to send again by mistake. */
      if (entry != NULL && entry->state != PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN)
        {
          g_autoptr(GAsyncResult) removed = NULL;

          pkio_outbox_remove_async (outbox, id, NULL, _pkio_cli_result_cb, &removed);
          pkio_outbox_remove_finish (outbox, _pkio_cli_wait (&removed), NULL);
        }

      return g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN)
             ? PKIO_CLI_EXIT_OUTCOME_UNKNOWN
             : PKIO_CLI_EXIT_FAILURE;
    }

  text = receipt_to_json (receipt);
  g_print ("%s\n", text);

  return PKIO_CLI_EXIT_OK;
}
