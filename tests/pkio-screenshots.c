/* pkio-screenshots.c
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
#include <errno.h>
#include <locale.h>
#include <string.h>

#include "pkio-application.h"
#include "pkio-assistant.h"
#include "pkio-form.h"
#include "pkio-orders-window.h"
#include "pkio-preferences-window.h"
#include "pkio-receipt.h"
#include "pkio-result-page.h"
#include "pkio-review-page.h"
#include "pkio-test-ui.h"
#include "pkio-token-monitor.h"
#include "pkio-token-panel.h"
#include "pkio-draft-store.h"
#include "pkio-welcome-page.h"
#include "pkio-window.h"

/* Saves a PNG of every wizard page with valid and with invalid input, and
 * of the token panel, Preferences and the orders window, in one language
 * and one style. Not a test: build-aux/screenshots runs it once per
 * language (LANGUAGE) and style, for people to look at.
 *
 * Nothing here knows an English label: rows are found through the form by
 * their JSON path, other controls by their template id, and values go in
 * through the model. Invalid input is shown as a user would see it after
 * trying to move on (PkioForm's show-all, what Enter in the last field or
 * Next does).
 *
 * The styles use the settings the desktop itself changes, so that what is
 * drawn is what such a user gets: org.gnome.desktop.interface color-scheme
 * (dark) and org.gnome.desktop.a11y.interface high-contrast, which
 * libadwaita 1.2 reads from GSettings when there is no portal (1.7 only
 * through its debug variables, set too), and
 * gtk-xft-dpi, which GNOME's text-scaling-factor becomes on X11 (GTK 4.8
 * reads no GSettings key for it there). */

#define LARGE_TEXT_FACTOR 1.25   /* what GNOME's "Large Text" switch sets */

typedef struct
{
  PkioApplication *app;
  PkioWindow      *window;
  PkioOrder       *order;
  PkioAssistant   *assistant;
  char            *outdir;
  guint            count;
} Shooter;

/* Waits on @widget's window until it is mapped and has come to rest: no
 * transition running, nothing moving for two frames, nothing left ready
 * in the main context (pkio_test_ui_try_settle()). */
static void
settle (GtkWidget *widget)
{
  if (!pkio_test_ui_try_settle (widget))
    g_printerr ("%s did not come to rest; its picture may show a transition\n",
                G_OBJECT_TYPE_NAME (gtk_widget_get_root (widget)));
}

/* Runs until @condition holds; a tool that says so, rather than stops,
 * when it never does. */
static void
wait_for (PkioTestCondition  condition,
          gpointer           data,
          const char        *what)
{
  if (!pkio_test_ui_wait_until (condition, data, PKIO_TEST_HANG_SECONDS))
    g_printerr ("%s did not happen\n", what);
}

static gboolean
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *root)
{
  if (GTK_IS_SCROLLED_WINDOW (root) && gtk_widget_get_mapped (root))
    return GTK_SCROLLED_WINDOW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Saves @window as NN-@name.png and, when @scroll_root scrolls, a second
 * image scrolled to the end, so that nothing below the fold goes unseen. */
static void
shoot (Shooter    *s,
       GtkWidget  *window,
       GtkWidget  *scroll_root,
       const char *name)
{
  g_autofree char *path = NULL;
  GtkScrolledWindow *scrolled;

  settle (window);
  path = g_strdup_printf ("%s/%02u-%s.png", s->outdir, ++s->count, name);
  if (!save_png (window, path))
    g_printerr ("could not save %s\n", path);
  else
    g_print ("%s\n", path);

  scrolled = scroll_root ? find_scrolled (scroll_root) : NULL;
  if (scrolled != NULL)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scrolled);
      double end = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

      if (end > 1)
        {
          g_autofree char *end_path = g_strdup_printf ("%s/%02u-%s-end.png", s->outdir, s->count,
                                                       name);

          gtk_adjustment_set_value (adj, end);
          settle (window);
          if (save_png (window, end_path))
            g_print ("%s\n", end_path);
          gtk_adjustment_set_value (adj, 0);
          pkio_test_ui_iterate_until_idle ();
        }
    }
}

static PkioPage *
page (Shooter    *s,
      const char *id)
{
  PkioPage *p = pkio_window_get_page (s->window, id);

  if (p == NULL)
    g_error ("no page %s", id);
  return p;
}

static void
show_page (Shooter    *s,
           const char *id)
{
  pkio_assistant_set_current_page (s->assistant, page (s, id));
  pkio_test_ui_iterate_until_idle ();
}

static void
shoot_page (Shooter    *s,
            const char *id,
            const char *name)
{
  shoot (s, GTK_WIDGET (s->window), GTK_WIDGET (page (s, id)), name);
}

/* What trying to move on shows: every problem of the step. */
static void
show_problems (Shooter    *s,
               const char *id)
{
  pkio_form_show_all (pkio_form_get_for_page (page (s, id)));
  pkio_test_ui_iterate_until_idle ();
}

static void
forget_problems (Shooter    *s,
                 const char *id)
{
  pkio_form_reset (pkio_form_get_for_page (page (s, id)));
  pkio_test_ui_iterate_until_idle ();
}

static void
set_texts (PkioOrder *order,
           ...)
{
  va_list args;
  int field;

  va_start (args, order);
  while ((field = va_arg (args, int)) >= 0)
    pkio_order_set_text (order, field, va_arg (args, const char *));
  va_end (args);
}

static void
fill_valid (Shooter *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now) + 2);

  set_texts (s->order,
             PKIO_ORDER_TEXT_FIRST_NAME, "Jan",
             PKIO_ORDER_TEXT_LAST_NAME, "Jansen",
             PKIO_ORDER_TEXT_EMAIL, "jan@example.nl",
             PKIO_ORDER_TEXT_TELEPHONE, "+31612345678",
             PKIO_ORDER_TEXT_COUNTRY, "nl",
             PKIO_ORDER_TEXT_CITY, "Utrecht",
             PKIO_ORDER_TEXT_ZIP, "3511 AB",
             PKIO_ORDER_TEXT_SHIP_NAME, "Jan Jansen",
             PKIO_ORDER_TEXT_SHIP_ADDR1, "Domplein 29",
             PKIO_ORDER_TEXT_SHIP_CITY, "Utrecht",
             PKIO_ORDER_TEXT_SHIP_STATE, "Utrecht",
             PKIO_ORDER_TEXT_SHIP_ZIP, "3512 JE",
             PKIO_ORDER_TEXT_SHIP_COUNTRY, "nl",
             PKIO_ORDER_TEXT_CARD_NUMBER, "4111 1111 1111 1111",
             PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "12",
             PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, year,
             PKIO_ORDER_TEXT_CARD_CVV, "123",
             PKIO_ORDER_TEXT_CARDHOLDER_NAME, "J Jansen",
             PKIO_ORDER_TEXT_BILLING_ADDRESS, "Domplein 29",
             PKIO_ORDER_TEXT_BILLING_CITY, "Utrecht",
             PKIO_ORDER_TEXT_BILLING_ZIP, "3512 JE",
             PKIO_ORDER_TEXT_BILLING_COUNTRY, "nl",
             -1);
  pkio_order_set_validity_kind (s->order, PKIO_VALIDITY_KIND_YEARS);
  pkio_order_set_validity_years (s->order, 2);
  pkio_order_set_ship_method (s->order, PKIO_SHIP_METHOD_EXPEDITED);
  pkio_order_set_payment_method (s->order, PKIO_PAYMENT_METHOD_CARD);
  pkio_order_set_csa_agreed_to (s->order, TRUE);
  pkio_test_ui_iterate_until_idle ();
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  if (child == NULL)
    g_error ("no %s in %s", id, g_type_name (type));
  return GTK_WIDGET (child);
}

static void
shoot_welcome (Shooter *s)
{
  GtkWidget *welcome = GTK_WIDGET (page (s, "welcome"));
  GtkWidget *id_row = template_child (welcome, PKIO_TYPE_WELCOME_PAGE, "id_row");

  show_page (s, "welcome");
  shoot_page (s, "welcome", "welcome");

  /* An existing individual with an id that is not a number; Enter is
   * refused and says why. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (template_child (welcome, PKIO_TYPE_WELCOME_PAGE,
                                                                 "existing_check")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (id_row), "12ab");
  g_signal_emit_by_name (id_row, "entry-activated");
  shoot_page (s, "welcome", "welcome-invalid");

  gtk_editable_set_text (GTK_EDITABLE (id_row), "4711");
  shoot_page (s, "welcome", "welcome-existing");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (template_child (welcome, PKIO_TYPE_WELCOME_PAGE,
                                                                 "new_check")), TRUE);
  pkio_order_set_individual_id (s->order, 0);
  pkio_test_ui_iterate_until_idle ();
}

static void
shoot_steps (Shooter *s)
{
  /* Applicant */
  set_texts (s->order,
             PKIO_ORDER_TEXT_FIRST_NAME, "Jan",
             PKIO_ORDER_TEXT_LAST_NAME, "",
             PKIO_ORDER_TEXT_EMAIL, "jan@",
             PKIO_ORDER_TEXT_TELEPHONE, "0612",
             PKIO_ORDER_TEXT_COUNTRY, "nl",
             PKIO_ORDER_TEXT_CITY, "",
             PKIO_ORDER_TEXT_ZIP, "3511",
             -1);
  show_page (s, "applicant");
  show_problems (s, "applicant");
  shoot_page (s, "applicant", "applicant-invalid");
  fill_valid (s);
  shoot_page (s, "applicant", "applicant");

  /* Certificate: a custom date in the past */
  show_page (s, "certificate");
  pkio_order_set_validity_kind (s->order, PKIO_VALIDITY_KIND_CUSTOM_DATE);
  pkio_order_set_text (s->order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, "01 JAN 2000");
  show_problems (s, "certificate");
  shoot_page (s, "certificate", "certificate-invalid");
  pkio_order_set_validity_kind (s->order, PKIO_VALIDITY_KIND_YEARS);
  pkio_order_set_validity_years (s->order, 2);
  pkio_order_set_is_rsassa_pss (s->order, PKIO_TRISTATE_YES);
  forget_problems (s, "certificate");
  shoot_page (s, "certificate", "certificate");

  /* Shipping: no street, a postal code that is not Dutch, no method */
  set_texts (s->order,
             PKIO_ORDER_TEXT_SHIP_ADDR1, "",
             PKIO_ORDER_TEXT_SHIP_ZIP, "35",
             -1);
  pkio_order_set_ship_method (s->order, PKIO_SHIP_METHOD_NONE);
  show_page (s, "shipping");
  show_problems (s, "shipping");
  shoot_page (s, "shipping", "shipping-invalid");
  fill_valid (s);
  shoot_page (s, "shipping", "shipping");

  /* Payment: a card that fails every check */
  set_texts (s->order,
             PKIO_ORDER_TEXT_CARD_NUMBER, "4111 1111 1111 1112",
             PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "13",
             PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, "2001",
             PKIO_ORDER_TEXT_CARD_CVV, "1",
             PKIO_ORDER_TEXT_CARDHOLDER_NAME, "",
             PKIO_ORDER_TEXT_BILLING_ADDRESS, "",
             PKIO_ORDER_TEXT_BILLING_ZIP, "",
             -1);
  show_page (s, "payment");
  show_problems (s, "payment");
  shoot_page (s, "payment", "payment-invalid");
  fill_valid (s);
  shoot_page (s, "payment", "payment");

  /* Agreement */
  pkio_order_set_csa_agreed_to (s->order, FALSE);
  show_page (s, "agreement");
  show_problems (s, "agreement");
  shoot_page (s, "agreement", "agreement-invalid");
  pkio_order_set_csa_agreed_to (s->order, TRUE);
  shoot_page (s, "agreement", "agreement");

  show_page (s, "review");
  shoot_page (s, "review", "review");
}

static gboolean
on_result (gpointer data)
{
  Shooter *s = data;

  return pkio_assistant_get_current_page (s->assistant) == pkio_window_get_page (s->window,
                                                                                 "result");
}

static void
shoot_result (Shooter *s)
{
  /* Placed with the practice simulator, as a new user would try it; the
   * review page sends only through the outbox, once it is open. */
  if (!pkio_test_ui_wait_until (pkio_test_ui_orders_loaded, s->window, PKIO_TEST_HANG_SECONDS))
    g_printerr ("the outbox did not open\n");
  gtk_widget_activate_action (GTK_WIDGET (s->window), "assistant.next", NULL);
  if (!pkio_test_ui_wait_until (on_result, s, PKIO_TEST_HANG_SECONDS))
    {
      g_printerr ("the order did not go through; no result page\n");
      return;
    }
  shoot_page (s, "result", "result");
}

static gboolean
token_monitor_ready (gpointer panel)
{
  PkioTokenMonitor *monitor = pkio_token_panel_get_monitor (PKIO_TOKEN_PANEL (panel));

  return monitor != NULL && pkio_token_monitor_get_ready (monitor);
}

static void
shoot_token_panel (Shooter *s)
{
  GtkWidget *flap = template_child (s->window, PKIO_TYPE_WINDOW, "token_flap");

  adw_flap_set_reveal_flap (ADW_FLAP (flap), TRUE);
  /* The monitor's first poll has found the tokens (SoftHSM's). */
  wait_for (token_monitor_ready, pkio_window_get_token_panel (s->window),
            "the token monitor's first poll");
  shoot (s, GTK_WIDGET (s->window), pkio_window_get_token_panel (s->window), "token-panel");
  adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);
  pkio_test_ui_iterate_until_idle ();
}

static void
shoot_preferences (Shooter *s)
{
  GtkWindow *prefs = pkio_window_show_preferences (s->window);
  GtkWidget *url_row;

  gtk_window_set_default_size (prefs, 640, 720);
  gtk_window_present (prefs);
  shoot (s, GTK_WIDGET (prefs), GTK_WIDGET (prefs), "preferences");

  /* An address that is not https:// is refused on Apply. */
  url_row = template_child (prefs, PKIO_TYPE_PREFERENCES_WINDOW, "api_base_url_row");
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://certcentral.example");
  g_signal_emit_by_name (url_row, "apply");
  shoot (s, GTK_WIDGET (prefs), GTK_WIDGET (prefs), "preferences-invalid");

  gtk_window_destroy (prefs);
  pkio_test_ui_iterate_until_idle ();
}

static GtkWindow *
find_orders_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PKIO_IS_ORDERS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
orders_shown (gpointer data)
{
  return find_orders_window () != NULL;
}

static AdwViewStack *
find_view_stack (GtkWidget *root)
{
  return (AdwViewStack *) pkio_test_ui_find_of_type (root, ADW_TYPE_VIEW_STACK);
}

static GtkWidget *
find_named_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && g_strcmp0 (gtk_widget_get_name (window), name) == 0)
        return window;
    }

  return NULL;
}

#if ADW_CHECK_VERSION (1, 5, 0)
static GtkWidget *
find_named_in (GtkWidget  *widget,
               const char *name)
{
  return pkio_test_ui_find_named (widget, name);
}
#endif

static gboolean
details_shown (gpointer data)
{
  return find_named_toplevel ("order-details") != NULL;
}

static gboolean
confirm_shown (gpointer orders)
{
  GtkWidget *confirm = find_named_toplevel ("orders-confirm");

#if ADW_CHECK_VERSION (1, 5, 0)
  if (confirm == NULL)
    confirm = find_named_in (GTK_WIDGET (orders), "orders-confirm");
#endif

  return confirm != NULL && gtk_widget_get_mapped (confirm);
}

/* The placed order opened from the history, its cancel dialog, a search
 * that finds on another page, and the receipts as PDF files in outdir,
 * for pdftoppm. */
static void
shoot_history_entry (Shooter   *s,
                     GtkWindow *orders)
{
  PkioHistory *history = pkio_outbox_get_history (pkio_window_get_outbox (s->window));
  g_autoptr(GPtrArray) entries = pkio_history_dup_entries (history);
  const PkioHistoryEntry *entry;
  PkioReceipt *placed = pkio_result_page_get_receipt (PKIO_RESULT_PAGE (page (s, "result")));
  g_autoptr(PkioReceipt) again = NULL;
  g_autofree char *pdf = NULL;
  GtkWidget *details;
  GtkWidget *confirm;
  GtkWidget *search;

  if (entries->len == 0)
    {
      g_printerr ("no order in the history\n");
      return;
    }
  entry = g_ptr_array_index (entries, 0);

  gtk_widget_activate_action (GTK_WIDGET (orders), "orders.show-order", "s", entry->id);
  if (!pkio_test_ui_wait_until (details_shown, NULL, PKIO_TEST_HANG_SECONDS))
    g_printerr ("the order's details did not open\n");
  details = find_named_toplevel ("order-details");
  if (details != NULL)
    {
      shoot (s, details, details, "order-details");
      gtk_window_destroy (GTK_WINDOW (details));
    }

  gtk_widget_activate_action (GTK_WIDGET (orders), "orders.cancel-order", "s", entry->id);
  wait_for (confirm_shown, orders, "the cancel dialog");
  /* In the window (AdwAlertDialog) or a window of its own (before 1.5). */
  confirm = find_named_toplevel ("orders-confirm");
  shoot (s, confirm ? confirm : GTK_WIDGET (orders), NULL, "orders-cancel");
  if (confirm != NULL)
    gtk_window_destroy (GTK_WINDOW (confirm));
#if ADW_CHECK_VERSION (1, 5, 0)
  else if ((confirm = find_named_in (GTK_WIDGET (orders), "orders-confirm")) != NULL)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      adw_dialog_close (ADW_DIALOG (confirm));
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
#endif
  settle (GTK_WIDGET (orders));
  adw_view_stack_set_visible_child_name (find_view_stack (GTK_WIDGET (orders)), "practice");
  gtk_widget_activate_action (GTK_WIDGET (orders), "orders.search", NULL);
  search = gtk_window_get_focus (orders);
  if (search != NULL && GTK_IS_EDITABLE (search))
    gtk_editable_set_text (GTK_EDITABLE (search), "Marie");
  shoot (s, GTK_WIDGET (orders), NULL, "orders-search");

  if (placed != NULL)
    {
      pdf = g_strdup_printf ("%s/receipt.pdf", s->outdir);
      pkio_receipt_export_pdf (placed, pdf, NULL);
      g_print ("%s\n", pdf);
      g_clear_pointer (&pdf, g_free);
    }
  again = pkio_receipt_new_for_history (entry, entry->status);
  pdf = g_strdup_printf ("%s/receipt-again.pdf", s->outdir);
  pkio_receipt_export_pdf (again, pdf, NULL);
  g_print ("%s\n", pdf);
}

/* The button whose label reads @text, under @widget. */
static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
      if (GTK_IS_BUTTON (w))
        return w;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Autosaved once the autosave delay has passed, and written. */
static gboolean
draft_saved (gpointer store)
{
  g_autoptr(GPtrArray) drafts = pkio_draft_store_dup_drafts (store);

  if (pkio_draft_store_has_pending (store))
    return FALSE;

  for (guint i = 0; i < drafts->len; i++)
    if (g_strcmp0 (((PkioDraft *) g_ptr_array_index (drafts, i))->applicant, "Marie Dubois") == 0)
      return TRUE;

  return FALSE;
}

static void
shoot_orders (Shooter *s)
{
  GtkWindow *orders;
  AdwViewStack *stack;
  gboolean queued = FALSE;

  /* Something in each list: the placed order is in the history; one goes
   * to the outbox with Submit Later; one stays a draft. */
  /* What New Order does, but for the receipt, which the history's
   * pictures still show: the placed order's personal data and identity
   * go, so that this one is new and can be queued. */
  pkio_order_wipe_card_secrets (s->order);
  pkio_order_clear_personal_data (s->order);
  g_signal_emit_by_name (page (s, "result"), "new-order");
  pkio_test_ui_iterate_until_idle ();
  fill_valid (s);
  pkio_order_set_payment_method (s->order, PKIO_PAYMENT_METHOD_BALANCE);
  show_page (s, "review");
  g_signal_connect_swapped (page (s, "review"), "queued-for-later", G_CALLBACK (set_true),
                            &queued);
  g_signal_emit_by_name (template_child (page (s, "review"), PKIO_TYPE_REVIEW_PAGE,
                                         "later_button"), "clicked");
  wait_for (pkio_test_is_set, &queued, "Submit Later");
  g_signal_handlers_disconnect_by_func (page (s, "review"), set_true, &queued);
  set_texts (s->order,
             PKIO_ORDER_TEXT_FIRST_NAME, "Marie",
             PKIO_ORDER_TEXT_LAST_NAME, "Dubois",
             -1);
  wait_for (draft_saved, pkio_window_get_draft_store (s->window), "the draft's autosave");

  gtk_widget_activate_action (GTK_WIDGET (s->window), "orders.show", NULL);
  if (!pkio_test_ui_wait_until (orders_shown, NULL, PKIO_TEST_HANG_SECONDS))
    {
      g_printerr ("the orders window did not open\n");
      return;
    }
  orders = find_orders_window ();
  stack = find_view_stack (GTK_WIDGET (orders));
  if (stack == NULL)
    {
      shoot (s, GTK_WIDGET (orders), GTK_WIDGET (orders), "orders");
    }
  else
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));

      /* Each tab by its page name: drafts, outbox, history. */
      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(AdwViewStackPage) tab = g_list_model_get_item (pages, i);
          g_autofree char *name = g_strdup_printf ("orders-%s", adw_view_stack_page_get_name (tab));

          adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (tab));
          shoot (s, GTK_WIDGET (orders), adw_view_stack_page_get_child (tab), name);
        }
      shoot_history_entry (s, orders);
    }
  gtk_window_destroy (orders);
  pkio_test_ui_iterate_until_idle ();
}


/* The Details dialog: a window of its own before libadwaita 1.5, in the
 * window (a dialog over its content) from 1.5. */
static gboolean
details_dialog_shown (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window && gtk_widget_get_mapped (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == window)
        return TRUE;
    }

  return pkio_test_ui_find_dialog (window) != NULL;
}

/* A reason too long for a toast: a short title, and Details with it all.
 * Last, since the dialog stays open. */
static void
shoot_long_toast (Shooter *s)
{
  g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                         g_dgettext ("glib20", "Error writing to file “%s”: %s"),
                                         "drafts/3f2a9c41d7e8b605.json",
                                         g_strerror (ENOSPC));
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *details = g_strdup (g_dgettext (GETTEXT_PACKAGE, "_Details"));
  GtkWidget *button;

  if (!pkio_test_ui_wait_until (pkio_test_ui_orders_loaded, s->window, PKIO_TEST_HANG_SECONDS))
    g_printerr ("the drafts did not open\n");
  g_signal_emit_by_name (pkio_window_get_draft_store (s->window), "save-failed", error);
  shoot (s, GTK_WIDGET (s->window), NULL, "toast-long");

  /* The label shows the text without its mnemonic underscore. */
  memmove (details, details + 1, strlen (details));
  button = find_button_labelled (GTK_WIDGET (s->window), details);
  if (button == NULL)
    {
      g_printerr ("no Details button in the toast\n");
      return;
    }
  gtk_widget_activate (button);
  wait_for (details_dialog_shown, s->window, "the Details dialog");
  /* In the window on libadwaita 1.5 and later, a window of its own before. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (s->window) && gtk_widget_get_mapped (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (s->window))
        {
          shoot (s, window, NULL, "toast-long-details");
          return;
        }
    }
  shoot (s, GTK_WIDGET (s->window), NULL, "toast-long-details");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApplication) app = NULL;
  g_autofree char *style = NULL;
  g_autofree char *localedir = NULL;
  gboolean large = FALSE;
  Shooter s = { 0 };
  PkioSettings *settings;
  AdwStyleManager *manager;
  GOptionEntry entries[] = {
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      "light, dark, high-contrast or large-text", "STYLE" },
    { "localedir", 0, 0, G_OPTION_ARG_FILENAME, &localedir,
      "where the built catalogues are (the build tree's po/)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTDIR");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: pkio-screenshots [--style S] OUTDIR");
      return 2;
    }
  if (style == NULL)
    style = g_strdup ("light");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Review groups the telephone once it has loaded the numbering plans:
   * loaded first, its shot never catches the moment before. */
  pkio_test_load_phone_plan ();

  /* The desktop's own settings, set before libadwaita first reads them
   * (GSETTINGS_BACKEND=memory: nothing is written anywhere). */
  {
    g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");
    g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

    /* libadwaita 1.7 no longer reads these GSettings keys without a portal:
     * its debug variables say the same, on every version. */
    if (g_str_equal (style, "dark"))
      {
        g_settings_set_string (interface, "color-scheme", "prefer-dark");
        g_setenv ("ADW_DEBUG_COLOR_SCHEME", "prefer-dark", TRUE);
      }
    else if (g_str_equal (style, "high-contrast"))
      {
        g_settings_set_boolean (a11y, "high-contrast", TRUE);
        g_setenv ("ADW_DEBUG_HIGH_CONTRAST", "1", TRUE);
      }
    else if (g_str_equal (style, "large-text"))
      {
        g_settings_set_double (interface, "text-scaling-factor", LARGE_TEXT_FACTOR);
        large = TRUE;
      }
    else if (!g_str_equal (style, "light"))
      {
        g_printerr ("unknown style %s\n", style);
        return 2;
      }
  }

  s.outdir = g_strdup (argv[1]);
  if (g_mkdir_with_parents (s.outdir, 0755) != 0)
    {
      g_printerr ("cannot create %s\n", s.outdir);
      return 1;
    }

  /* The real application, registered but not run, in practice mode: the
   * simulator on 127.0.0.1 takes the order. */
  app = pkio_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  settings = pkio_application_get_settings (app);
  pkio_settings_set_practice_mode (settings, TRUE);

  if (large)
    {
      g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");

      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi",
                    (int) (96 * 1024 * g_settings_get_double (interface, "text-scaling-factor")),
                    NULL);
    }

  manager = adw_style_manager_get_default ();
  if (g_str_equal (style, "dark") && !adw_style_manager_get_dark (manager))
    g_error ("the dark style did not take");
  if (g_str_equal (style, "high-contrast") && !adw_style_manager_get_high_contrast (manager))
    g_error ("high contrast did not take");

  s.app = app;
  s.window = pkio_window_new (GTK_APPLICATION (app), settings);
  s.order = pkio_window_get_order (s.window);
  s.assistant = pkio_window_get_assistant (s.window);
  gtk_window_present (GTK_WINDOW (s.window));
  settle (GTK_WIDGET (s.window));

  shoot_welcome (&s);
  shoot_steps (&s);
  shoot_result (&s);
  shoot_token_panel (&s);
  shoot_preferences (&s);
  shoot_orders (&s);
  shoot_long_toast (&s);

  gtk_window_destroy (GTK_WINDOW (s.window));
  pkio_test_ui_iterate_until_idle ();
  g_free (s.outdir);

  return 0;
}
