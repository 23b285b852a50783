/* test-identity.c
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
#include <string.h>

#include "pkio-history.h"
#include "pkio-review-page.h"
#include "pkio-secret-store.h"
#include "pkio-simulator.h"
#include "pkio-test-ui.h"
#include "pkio-window.h"

/* One order, one identity (issue 15): whatever the user presses, and
 * whenever an autosave comes, the window never queues or places the same
 * order twice, never parks a card order where nothing can send it, and
 * asks before ordering again for an applicant with an order pending. */

typedef struct
{
  PkioTestDesk   desk;
  char          *url;
} Fixture;

/* Each test's own applicant: the history is shared by the tests of this
 * program, and an applicant met before would (rightly) be asked about. */
typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
} Applicant;

/* Nothing listens there: connections are refused at once. */
#define UNREACHABLE_URL "http://127.0.0.1:9/services/v2"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gboolean unreachable = GPOINTER_TO_INT (data);

  pkio_test_desk_setup (&f->desk, NULL, NULL, 0);
  f->url = g_strdup (unreachable ? UNREACHABLE_URL
                                 : pkio_simulator_get_base_url (f->desk.simulator));
  /* Autosaves come soon after a change, as they may right after placing. */
  g_settings_set_uint (f->desk.gsettings, "auto-save-delay", 50);
  pkio_test_desk_open (&f->desk, f->url, 860);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_desk_teardown (&f->desk);
  g_free (f->url);
}

/* Helpers */

static const char *
current_id (Fixture *f)
{
  return pkio_page_get_page_id (pkio_assistant_get_current_page (f->desk.assistant));
}

static void
fill (Fixture         *f,
      const Applicant *a,
      gboolean         card)
{
  PkioOrder *order = f->desk.order;

  pkio_order_set_text (order, PKIO_ORDER_TEXT_FIRST_NAME, a->first_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_LAST_NAME, a->last_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_EMAIL, a->email);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_TELEPHONE, "+31612345678");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_CITY, "Utrecht");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_ZIP, "3511 AB");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_NAME, a->first_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ADDR1, "Oudegracht 1");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_CITY, "Utrecht");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ZIP, "3511 AB");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_STATE, "Utrecht");
  pkio_order_set_ship_method (order, PKIO_SHIP_METHOD_STANDARD);
  pkio_order_set_validity_kind (order, PKIO_VALIDITY_KIND_YEARS);
  pkio_order_set_validity_years (order, 2);
  if (card)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now) + 2);

      pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_CARD);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_NUMBER, "4111111111111111");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_CVV, "737");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "11");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, year);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARDHOLDER_NAME, a->last_name);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_ADDRESS, "Oudegracht 1");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_CITY, "Utrecht");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_ZIP, "3511 AB");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_STATE, "Utrecht");
    }
  else
    {
      pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_BALANCE);
    }
  pkio_order_set_csa_agreed_to (order, TRUE);
  g_assert_true (pkio_order_validate (order, NULL));
}

static PkioReviewPage *
show_review (Fixture *f)
{
  PkioPage *review = pkio_window_get_page (f->desk.window, "review");

  pkio_assistant_set_current_page (f->desk.assistant, review);
  pkio_test_ui_iterate_until_idle ();

  return PKIO_REVIEW_PAGE (review);
}

static gboolean
not_applying_cb (gpointer data)
{
  Fixture *f = data;

  return !pkio_assistant_get_applying (f->desk.assistant);
}

/* Presses Submit (Ctrl+Enter) and waits for what it started to end. */
static void
press_submit (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.submit", NULL);
  g_assert_true (pkio_test_ui_wait_until (not_applying_cb, f, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
}

static guint
count_entries_of (Fixture         *f,
                  const Applicant *a,
                  PkioOutboxState *state)
{
  g_autoptr(GPtrArray) entries = pkio_outbox_dup_entries (pkio_window_get_outbox (f->desk.window));
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->email, a->email) != 0)
        continue;
      n++;
      if (state != NULL)
        *state = entry->state;
    }

  return n;
}

static guint
count_drafts_of (Fixture         *f,
                 const Applicant *a,
                 guint           *n_empty)
{
  g_autoptr(GPtrArray) drafts = pkio_draft_store_dup_drafts (pkio_window_get_draft_store (f->desk.window));
  guint n = 0;

  for (guint i = 0; i < drafts->len; i++)
    {
      const PkioDraft *draft = g_ptr_array_index (drafts, i);

      if (draft->applicant == NULL && n_empty != NULL)
        (*n_empty)++;
      if (draft->applicant != NULL && strstr (draft->applicant, a->last_name) != NULL)
        n++;
    }

  return n;
}

static gboolean
no_pending_save_cb (gpointer data)
{
  return !pkio_draft_store_has_pending (data);
}

static gboolean
label_shown_in (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown_in (child, text))
      return TRUE;

  return FALSE;
}

/* The question's text, in whichever window shows it. */
static gboolean
label_shown (const char *text)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (label_shown_in (l->data, text))
      return TRUE;

  return FALSE;
}

typedef struct
{
  const char *label;
  gboolean  (*also) (gpointer data);
  gpointer    data;
} ButtonWait;

static gboolean
button_or_cb (gpointer data)
{
  ButtonWait *wait = data;

  return pkio_test_ui_find_question_button (wait->label) != NULL ||
         (wait->also != NULL && wait->also (wait->data));
}

static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  pkio_test_ui_iterate_until_idle ();
}

static gboolean
on_result_cb (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (current_id (f), "result") == 0;
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return pkio_test_ui_find_question_button (data) == NULL;
}

/* Tests */

/* Issue 15, 1: offline, Submit pressed twice queues one order. */
static void
test_double_submit_unreachable (Fixture       *f,
                                gconstpointer  data)
{
  static const Applicant a = { "Dirk", "Dubbelklik", "d.dubbelklik@voorbeeld.nl" };
  PkioOutboxState state = PKIO_OUTBOX_STATE_FAILED;
  PkioReviewPage *review;

  pkio_test_ui_wait_orders_loaded (f->desk.window);
  fill (f, &a, FALSE);
  review = show_review (f);

  press_submit (f);
  g_assert_cmpstr (current_id (f), ==, "review");
  g_assert_cmpuint (count_entries_of (f, &a, &state), ==, 1);
  g_assert_cmpint (state, ==, PKIO_OUTBOX_STATE_QUEUED);

  /* Pressed again, and again: still one order. */
  press_submit (f);
  press_submit (f);
  g_assert_cmpuint (count_entries_of (f, &a, NULL), ==, 1);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 0);
  /* The page says where the order is, and offers no Submit for it. */
  g_assert_false (pkio_page_get_complete (PKIO_PAGE (review)));
  g_assert_true (label_shown_in (GTK_WIDGET (review), "Waiting in the Outbox"));
  g_assert_false (gtk_widget_is_sensitive (pkio_test_ui_find_button (GTK_WIDGET (f->desk.window),
                                                                     "_Submit Order")));
  pkio_test_ui_save_screenshot (GTK_WIDGET (f->desk.window), "offline-submitted-three-times");

  /* Nor is a draft of it left to submit again. */
  g_assert_true (pkio_test_ui_wait_until (no_pending_save_cb,
                                          pkio_window_get_draft_store (f->desk.window),
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_drafts_of (f, &a, NULL), ==, 0);
}

static void
change_order_cb (PkioOrder *order)
{
  /* What the window does to the order around placing it (the card
   * wiped, say): a change the autosave sees. */
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ADDR2, "Achterom");
}

/* Issue 15, 2: a placed order does not come back as a draft, also when an
 * autosave fires just after placing. */
static void
test_no_draft_after_placed (Fixture       *f,
                            gconstpointer  data)
{
  static const Applicant a = { "Anna", "Nagekomen", "a.nagekomen@voorbeeld.nl" };
  PkioPage *review;
  gulong handler;

  pkio_test_ui_wait_orders_loaded (f->desk.window);
  fill (f, &a, FALSE);
  review = PKIO_PAGE (show_review (f));
  /* A draft of it exists while it is being filled in. */
  g_assert_true (pkio_test_ui_wait_until (no_pending_save_cb,
                                          pkio_window_get_draft_store (f->desk.window),
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_drafts_of (f, &a, NULL), ==, 1);

  handler = g_signal_connect_swapped (review, "enqueued", G_CALLBACK (change_order_cb), f->desk.order);
  gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.submit", NULL);
  g_assert_true (pkio_test_ui_wait_until (on_result_cb, f, PKIO_TEST_HANG_SECONDS));
  g_signal_handler_disconnect (review, handler);
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 1);

  /* The autosave that change scheduled has come and gone. */
  g_assert_true (pkio_test_ui_wait_until (no_pending_save_cb,
                                          pkio_window_get_draft_store (f->desk.window),
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_drafts_of (f, &a, NULL), ==, 0);

  /* And the next applicant starts without one either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.new-order", NULL));
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (pkio_test_ui_wait_until (no_pending_save_cb,
                                          pkio_window_get_draft_store (f->desk.window),
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_drafts_of (f, &a, NULL), ==, 0);
}

static gboolean
has_entry_cb (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  const Applicant *a = ((gpointer *) data)[1];

  return count_entries_of (f, a, NULL) > 0;
}

/* Issue 15, 3: Submit Later on a card order leaves nothing that cannot be
 * finished: the card is never stored, so the user chooses the balance
 * (or Submit Now), and no empty draft is parked on Review. */
static void
test_card_later_not_stranded (Fixture       *f,
                              gconstpointer  data)
{
  static const Applicant a = { "Karel", "Kaartbetaler", "k.kaartbetaler@voorbeeld.nl" };
  gpointer pair[] = { f, (gpointer) &a };
  ButtonWait wait = { "Pay From the _Balance", has_entry_cb, pair };
  PkioOutboxState state = PKIO_OUTBOX_STATE_FAILED;
  GtkWidget *later;
  GtkWidget *balance;
  guint n_empty = 0;

  pkio_test_ui_wait_orders_loaded (f->desk.window);
  fill (f, &a, TRUE);
  show_review (f);

  later = pkio_test_ui_find_button (GTK_WIDGET (f->desk.window), "Submit _Later");
  g_assert_nonnull (later);
  click (later);

  /* Asked first, before anything is queued. */
  g_assert_true (pkio_test_ui_wait_until (button_or_cb, &wait, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_entries_of (f, &a, NULL), ==, 0);
  balance = pkio_test_ui_find_question_button ("Pay From the _Balance");
  g_assert_nonnull (balance);
  pkio_test_ui_save_screenshot (balance, "card-order-later");
  click (balance);

  g_assert_true (pkio_test_ui_wait_until (has_entry_cb, pair, PKIO_TEST_HANG_SECONDS));
  g_assert_true (pkio_test_ui_wait_until (dialog_gone_cb, (gpointer) "Pay From the _Balance",
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_entries_of (f, &a, &state), ==, 1);
  g_assert_cmpint (state, ==, PKIO_OUTBOX_STATE_QUEUED);

  /* The window went on to the next applicant, leaving no draft behind. */
  g_assert_true (pkio_test_ui_wait_until (no_pending_save_cb,
                                          pkio_window_get_draft_store (f->desk.window),
                                          PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (count_drafts_of (f, &a, &n_empty), ==, 0);
  g_assert_cmpuint (n_empty, ==, 0);
}

/* Issue 15, the same person twice: a second order for an applicant with an
 * order placed asks first, naming what was found. */
static void
test_same_applicant_asks (Fixture       *f,
                          gconstpointer  data)
{
  static const Applicant a = { "Saar", "Tweemaal", "s.tweemaal@voorbeeld.nl" };
  ButtonWait wait = { "_Order Anyway", on_result_cb, f };
  GtkWidget *button;

  pkio_test_ui_wait_orders_loaded (f->desk.window);
  fill (f, &a, FALSE);
  show_review (f);
  gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.submit", NULL);
  g_assert_true (pkio_test_ui_wait_until (on_result_cb, f, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 1);

  /* Another clerk, or the same one later: a new order, the same person. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.new-order", NULL));
  pkio_test_ui_iterate_until_idle ();
  fill (f, &a, FALSE);
  show_review (f);
  gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.submit", NULL);
  g_assert_true (pkio_test_ui_wait_until (button_or_cb, &wait, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpstr (current_id (f), ==, "review");
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 1);
  /* The question names the applicant and the order found. */
  g_assert_true (label_shown (a.email));
  pkio_test_ui_save_screenshot (pkio_test_ui_find_question_button ("_Cancel"), "same-applicant");

  button = pkio_test_ui_find_question_button ("_Cancel");
  g_assert_nonnull (button);
  click (button);
  g_assert_true (pkio_test_ui_wait_until (not_applying_cb, f, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpstr (current_id (f), ==, "review");
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 1);

  /* Asked again, and this time the user orders anyway. */
  gtk_widget_activate_action (GTK_WIDGET (f->desk.window), "assistant.submit", NULL);
  g_assert_true (pkio_test_ui_wait_until (button_or_cb, &wait, PKIO_TEST_HANG_SECONDS));
  button = pkio_test_ui_find_question_button ("_Order Anyway");
  g_assert_nonnull (button);
  click (button);
  g_assert_true (pkio_test_ui_wait_until (on_result_cb, f, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->desk.simulator), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests that leave an order queued run last: a later one, sharing
   * this program's outbox, would send it. */
  pkio_test_ui_init (&argc, &argv);

  g_test_add ("/pkio/identity/no-draft-after-placed", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_no_draft_after_placed, fixture_teardown);
  g_test_add ("/pkio/identity/same-applicant-asks", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_same_applicant_asks, fixture_teardown);
  g_test_add ("/pkio/identity/card-later-not-stranded", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_card_later_not_stranded, fixture_teardown);
  g_test_add ("/pkio/identity/double-submit-unreachable", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_double_submit_unreachable, fixture_teardown);

  return g_test_run ();
}
