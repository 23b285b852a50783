/* pkio-cli-outbox.c
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
#include "pkio-outbox.h"

/* pkio-order outbox list|flush: the window's outbox from a terminal, for a
 * desk's scheduled job. One line per entry, tab-separated, the state
 * first by its stable name:
 *
 *   list:  STATE  APPLICANT  CREATED  REASON
 *   flush: sent  APPLICANT  ORDER_ID  CERTIFICATE_ID
 *          STATE  APPLICANT  REASON        (for what was not sent)
 *
 * flush exits 0 when nothing failed, 1 when something failed or is still
 * queued, 3 when an order's outcome is unknown: it is never sent again from
 * here; reconcile it in the window. */

/* Returns how many there were. */
static guint
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));

  return problems != NULL ? problems->len : 0;
}

static void
book_problems_cb (PkioOrderBook *book,
                  guint          part,
                  GPtrArray     *problems,
                  gpointer       user_data)
{
  guint *n_outbox = user_data;
  guint n = print_problems (problems);

  if (part == PKIO_ORDER_BOOK_PART_OUTBOX)
    *n_outbox += n;
}

/**
 * _pkio_cli_open_book:
 * @account: (nullable): the account to send with
 * @book: (out): the opened order book: its history and outbox loaded
 * @n_problems: (out) (optional): how many problems with the outbox's files
 *   were printed (set aside, or waiting for the keyring)
 *
 * Opens the order book as the window does, without the drafts.
 *
 * Returns: an exit status; %PKIO_CLI_EXIT_OK and @book set on success
 */
int
_pkio_cli_open_book (PkioAccount    *account,
                     PkioOrderBook **book,
                     guint          *n_problems)
{
  g_autoptr(PkioStore) store = pkio_store_new (NULL);
  g_autoptr(PkioOrderBook) ret = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gulong handler;

  ret = pkio_order_book_new (store, account, NULL);
  handler = g_signal_connect (ret, "problems", G_CALLBACK (book_problems_cb), &n);
  pkio_order_book_open_async (ret, PKIO_ORDER_BOOK_OPEN_NONE, NULL, _pkio_cli_result_cb, &result);
  if (!pkio_order_book_open_finish (ret, _pkio_cli_wait (&result), &error))
    {
      g_printerr ("%s\n", error->message);
      g_signal_handler_disconnect (ret, handler);
      return PKIO_CLI_EXIT_FAILURE;
    }
  g_signal_handler_disconnect (ret, handler);
  if (n_problems != NULL)
    *n_problems = n;

  *book = g_steal_pointer (&ret);
  return PKIO_CLI_EXIT_OK;
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Tabs and line breaks would split the line for a script. */
static char *
field (const char *text)
{
  char *ret = g_strdup (text ? text : "");

  return g_strdelimit (ret, "\t\r\n", ' ');
}

static char *
reason_with_candidates (const PkioOutboxEntry *entry)
{
  GString *out = g_string_new (NULL);
  g_autofree char *found = pkio_outbox_entry_dup_found (entry);

  /* Said first: `outbox flush` never sends it, and the state alone would
   * not tell why. */
  if (entry->practice)
    g_string_append (out, _("Practice order: it only goes to the practice simulator, from the "
                            "window in practice mode."));
  if (entry->reason != NULL)
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", entry->reason);

  if (found != NULL)
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", found);

  return g_string_free (out, FALSE);
}

static int
outbox_list (void)
{
  g_autoptr(PkioOrderBook) book = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  PkioOutbox *outbox;
  guint n_problems = 0;
  int status;

  status = _pkio_cli_open_book (NULL, &book, &n_problems);
  if (status != PKIO_CLI_EXIT_OK)
    return status;
  outbox = pkio_order_book_get_outbox (book);

  /* Not "empty" when files wait for the keyring or were set aside: the
   * lines above said what there is. */
  entries = pkio_outbox_dup_entries (outbox);
  if (entries->len == 0 && n_problems == 0)
    g_printerr ("%s\n", _("The outbox is empty."));

  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *applicant = field (entry->applicant);
      g_autofree char *created = format_date (entry->created);
      g_autofree char *reason_text = reason_with_candidates (entry);
      g_autofree char *reason = field (reason_text);

      g_print ("%s\t%s\t%s\t%s\n", pkio_outbox_state_to_string (entry->state), applicant,
               created, reason);
    }

  return PKIO_CLI_EXIT_OK;
}

static void
print_not_sent (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *applicant = field (entry->applicant);
      g_autofree char *reason_text = reason_with_candidates (entry);
      g_autofree char *reason = field (reason_text);

      g_print ("%s\t%s\t%s\n", pkio_outbox_state_to_string (entry->state), applicant, reason);
    }
}

static int
outbox_flush (void)
{
  g_autoptr(PkioAccount) account = NULL;
  g_autoptr(PkioOrderBook) book = NULL;
  g_autoptr(PkioOutboxReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PkioOutbox *outbox;
  int status;

  account = _pkio_cli_load_account ();
  if (account == NULL)
    return PKIO_CLI_EXIT_FAILURE;

  status = _pkio_cli_open_book (account, &book, NULL);
  if (status != PKIO_CLI_EXIT_OK)
    return status;
  outbox = pkio_order_book_get_outbox (book);

  pkio_outbox_flush_async (outbox, NULL, _pkio_cli_result_cb, &result);
  report = pkio_outbox_flush_finish (outbox, _pkio_cli_wait (&result), &error);
  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < report->sent->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (report->sent, i);
      g_autofree char *applicant = field (entry->applicant);

      g_print ("sent\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n", applicant,
               entry->order_id, entry->certificate_id);
    }
  print_not_sent (report->failed);
  print_not_sent (report->queued);
  print_not_sent (report->needs_payment);
  print_not_sent (report->outcome_unknown);
  /* Another process's to report: not this one's failure. */
  print_not_sent (report->sending);

  if (report->outcome_unknown->len > 0)
    {
      g_printerr ("%s\n", _("Some orders may have been placed already and were not sent again. "
                            "Check them in PKIo Order’s outbox before deciding."));
      return PKIO_CLI_EXIT_OUTCOME_UNKNOWN;
    }
  if (report->failed->len > 0 || report->queued->len > 0)
    return PKIO_CLI_EXIT_FAILURE;

  return PKIO_CLI_EXIT_OK;
}

int
_pkio_cli_outbox (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new ("list|flush");
  g_option_context_set_summary (context, _("Show the outbox, or send the queued orders."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return PKIO_CLI_EXIT_USAGE;
    }

  if (argc == 2 && g_str_equal (argv[1], "list"))
    return outbox_list ();
  if (argc == 2 && g_str_equal (argv[1], "flush"))
    return outbox_flush ();

  g_printerr ("%s pkio-order outbox list|flush\n", _("Usage:"));
  return PKIO_CLI_EXIT_USAGE;
}
