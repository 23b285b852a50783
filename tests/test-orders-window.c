/* test-orders-window.c
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

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pkio-orders-window.h"
#include "pkio-window.h"
#include "pkio-store-private.h"
#include "pkio-test-ui.h"

/* The drafts, outbox and history view over an in-memory store: rows for
 * each, Open hands the draft to the wizard, Delete removes it. */

static PkioOrder *
new_order (PkioPaymentMethod payment)
{
  PkioOrder *order = pkio_order_new ();

  g_object_set (order, "first-name", "Jan", "last-name", "de Vries",
                "email", "jan.devries@example.nl", "payment-method", payment, NULL);

  return order;
}

/* The list boxes in page order: drafts, outbox, history. */
static void
collect_lists (GtkWidget *widget,
               GPtrArray *lists)
{
  if (GTK_IS_LIST_BOX (widget))
    g_ptr_array_add (lists, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lists (child, lists);
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ADW_IS_ACTION_ROW (child);

  return n;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
open_draft_cb (PkioOrdersWindow  *window,
               const char        *id,
               char             **opened)
{
  g_free (*opened);
  *opened = g_strdup (id);
}

static gboolean
no_rows (gpointer data)
{
  return count_rows (data) == 0;
}

static void
test_orders_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pkio-orders-XXXXXX", NULL);
  g_autoptr(PkioStore) store = _pkio_store_new_with_key (dir, NULL);
  g_autoptr(PkioDraftStore) drafts = pkio_draft_store_new (store, 100);
  g_autoptr(PkioHistory) history = pkio_history_new (store);
  g_autoptr(PkioOutbox) outbox = pkio_outbox_new (store, history);
  g_autoptr(PkioOrder) balance = new_order (PKIO_PAYMENT_METHOD_BALANCE);
  g_autoptr(PkioOrder) card = new_order (PKIO_PAYMENT_METHOD_CARD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_id = pkio_draft_store_create_id (drafts);
  g_autofree char *opened = NULL;
  g_autofree char *outbox_id = NULL;
  PkioHistoryEntry entry = { .id = (char *) "placed", .order_id = 4242, .applicant = (char *) "Piet",
                             .status = (char *) "pending" };
  PkioOrdersWindow *window;

  entry.date = g_date_time_new_now_utc ();
  pkio_draft_store_save_now_async (drafts, draft_id, balance, "applicant", NULL, pkio_test_result_cb,
                                   &result);
  g_assert_true (pkio_draft_store_save_now_finish (drafts, pkio_test_wait_result (&result), &error));
  g_clear_object (&result);
  pkio_outbox_enqueue_async (outbox, balance, NULL, pkio_test_result_cb, &result);
  outbox_id = pkio_outbox_enqueue_finish (outbox, pkio_test_wait_result (&result), &error);
  g_clear_object (&result);
  g_free (pkio_outbox_enqueue_finish (outbox, (pkio_outbox_enqueue_async (outbox, card, NULL,
                                                                          pkio_test_result_cb, &result),
                                               pkio_test_wait_result (&result)), &error));
  g_clear_object (&result);
  pkio_history_add_async (history, &entry, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_history_add_finish (history, pkio_test_wait_result (&result), &error));
  g_date_time_unref (entry.date);

  window = pkio_orders_window_new (NULL, drafts, outbox);
  g_signal_connect (window, "open-draft", G_CALLBACK (open_draft_cb), &opened);
  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  collect_lists (GTK_WIDGET (window), lists);
  g_assert_cmpuint (lists->len, ==, 3);
  g_assert_cmpuint (count_rows (g_ptr_array_index (lists, 0)), ==, 1);
  g_assert_cmpuint (count_rows (g_ptr_array_index (lists, 1)), ==, 2);
  g_assert_cmpuint (count_rows (g_ptr_array_index (lists, 2)), ==, 1);

  /* Open hands the draft to the wizard. */
  g_signal_emit_by_name (find_button (g_ptr_array_index (lists, 0), "_Open"), "clicked");
  g_assert_cmpstr (opened, ==, draft_id);

  /* The card order waits for its details; the balance one can be sent. */
  g_assert_nonnull (find_button (g_ptr_array_index (lists, 1), "_Enter Payment Details"));
  g_assert_nonnull (find_button (g_ptr_array_index (lists, 1), "_Send"));
  g_assert_nonnull (find_button (g_ptr_array_index (lists, 2), "_Refresh Status"));

  /* Delete: the row goes (Undo is offered in a toast). */
  g_signal_emit_by_name (find_button (g_ptr_array_index (lists, 0), "De_lete"), "clicked");
  g_assert_true (pkio_test_ui_wait_until (no_rows, g_ptr_array_index (lists, 0), 5));
  g_assert_null (pkio_draft_store_lookup (drafts, draft_id));

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
  g_rmdir (dir);
}

static gboolean
orders_loaded (gpointer data)
{
  gboolean loaded = FALSE;

  g_object_get (data, "orders-loaded", &loaded, NULL);

  return loaded;
}

/* The main window opens the store, the drafts, the history and the outbox
 * (from the keyring's key, or in memory without one) on request. */
static void
test_window_loads_orders (void)
{
  PkioWindow *window = pkio_window_new (NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (pkio_window_get_outbox (window));
  pkio_window_load_orders (window, FALSE);
  g_assert_true (pkio_test_ui_wait_until (orders_loaded, window, 30));
  g_assert_nonnull (pkio_window_get_outbox (window));
  g_assert_nonnull (pkio_window_get_draft_store (window));

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pkio/orders-window/lists-and-actions", test_orders_window);
  g_test_add_func ("/pkio/orders-window/main-window-loads", test_window_loads_orders);

  return g_test_run ();
}
