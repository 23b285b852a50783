/* test-desk.c
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
#include <string.h>

#include "pkio-history.h"
#include "pkio-order-problem.h"
#include "pkio-receipt.h"
#include "pkio-result-page.h"
#include "pkio-secret-store.h"
#include "pkio-simulator.h"
#include "pkio-test-ui.h"
#include "pkio-window.h"
#include "pkio-window-private.h"

/* The registration desk: one applicant after another in the same window,
 * against the practice simulator. New Order (Ctrl+N) and the idle timeout
 * must leave nothing of the last person behind, on screen or in the model;
 * an unfinished order is kept as a draft instead of being lost. */

typedef PkioTestDesk Fixture;

/* One applicant's personal details; every string is distinctive enough
 * that finding it anywhere in the window can only mean it was left over. */
typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *telephone;
  const char *city;
  const char *zip;
  const char *street;
  const char *ship_zip;
  const char *province;
  const char *card_number;
  const char *card_cvv;
  const char *cardholder;
  const char *billing_street;
} Applicant;

static const Applicant applicants[] = {
  { "Wilhelmina", "Zwanenburg", "w.zwanenburg@voorbeeld.nl", "+31611122233", "Zierikzee",
    "4301 ZZ", "Zonnebloemstraat 77", "4301 ZY", "Zeeland", "4111111111111111", "737",
    "W Zwanenburg", "Kaaskoperstraat 12" },
  { "Bartholomeus", "Quakkelaar", "b.quakkelaar@voorbeeld.nl", "+31622233344", "Hoogkarspel",
    "1616 QK", "Quarantaineweg 3", "1616 QL", "Noord-Holland", NULL, NULL, NULL, NULL },
  { "Gerardina", "Vlasbloem", "g.vlasbloem@voorbeeld.nl", "+31633344455", "Oudeschild",
    "1792 VB", "Vlasakkerlaan 8", "1792 VC", "Noord-Holland", NULL, NULL, NULL, NULL },
  { "Theodorus", "Kwakernaat", "t.kwakernaat@voorbeeld.nl", "+31644455566", "Wijk bij Duurstede",
    "3961 KW", "Kwekerijpad 41", "3961 KX", "Utrecht", NULL, NULL, NULL, NULL },
  { "Philomena", "Ypenburgh", "p.ypenburgh@voorbeeld.nl", "+31655566677", "Ysselsteyn",
    "5813 YP", "Ypelaarstraat 19", "5813 YQ", "Limburg", NULL, NULL, NULL, NULL },
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  pkio_test_desk_setup (f, "STANDARD", NULL, 2);
  pkio_test_desk_open (f, NULL, 860);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_desk_teardown (f);
}

/* Helpers */

static const char *
current_id (Fixture *f)
{
  return pkio_page_get_page_id (pkio_assistant_get_current_page (f->assistant));
}

static gboolean
on_result_cb (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (current_id (f), "result") == 0;
}

static void
fill (Fixture         *f,
      const Applicant *a)
{
  PkioOrder *order = f->order;

  pkio_order_set_text (order, PKIO_ORDER_TEXT_FIRST_NAME, a->first_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_LAST_NAME, a->last_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_EMAIL, a->email);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_TELEPHONE, a->telephone);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_CITY, a->city);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_ZIP, a->zip);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_NAME, a->first_name);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ADDR1, a->street);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_CITY, a->city);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ZIP, a->ship_zip);
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_STATE, a->province);
  if (a->card_number != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now) + 2);

      pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_CARD);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_NUMBER, a->card_number);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_CVV, a->card_cvv);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "11");
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, year);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_CARDHOLDER_NAME, a->cardholder);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_ADDRESS, a->billing_street);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_CITY, a->city);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_ZIP, a->zip);
      pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_STATE, a->province);
    }
  else
    {
      pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_BALANCE);
    }
  pkio_order_set_csa_agreed_to (order, TRUE);
}

/* Every page shows what the model holds once visited: visit them all, as
 * a person filling the order in would have. */
static void
visit_every_page (Fixture *f)
{
  static const char * const pages[] = {
    "welcome", "applicant", "certificate", "shipping", "payment", "agreement", "review",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, pages[i]));
      pkio_test_ui_iterate_until_idle ();
    }
}

static void collect_strings (GtkWidget *widget,
                             GPtrArray *strings);

static void
add_string (GPtrArray  *strings,
            const char *text)
{
  if (text != NULL && text[0] != '\0')
    g_ptr_array_add (strings, g_strdup (text));
}

/* Everything a widget can show or tell a screen reader as text: labels,
 * entries, row titles and subtitles, the chosen item of a drop-down,
 * tooltips, text views. Hidden widgets count: they can be shown again. */
static void
collect_strings (GtkWidget *widget,
                 GPtrArray *strings)
{
  if (GTK_IS_LABEL (widget))
    add_string (strings, gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    add_string (strings, gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_BUTTON (widget))
    add_string (strings, gtk_button_get_label (GTK_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    add_string (strings, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    add_string (strings, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    add_string (strings, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    add_string (strings, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_ptr_array_add (strings, gtk_text_buffer_get_text (buffer, &start, &end, TRUE));
    }
  if (GTK_IS_DROP_DOWN (widget))
    {
      GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (widget));

      if (GTK_IS_STRING_OBJECT (item))
        add_string (strings, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
  add_string (strings, gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_strings (child, strings);
}

/* The personal strings of @a found anywhere in the window's widget tree,
 * every page included, whether shown now or not. */
static GPtrArray *
find_personal_strings (Fixture         *f,
                       const Applicant *a,
                       gint64           order_id)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = order_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, order_id) : NULL;
  const char *personal[] = {
    a->first_name, a->last_name, a->email, a->telephone + 3, a->city, a->zip, a->street,
    a->ship_zip, a->card_number, a->cardholder, a->billing_street, id,
  };
  GPtrArray *found = g_ptr_array_new ();

  collect_strings (GTK_WIDGET (f->window), strings);
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      if (personal[i] == NULL)
        continue;
      for (guint j = 0; j < strings->len; j++)
        if (strstr (g_ptr_array_index (strings, j), personal[i]) != NULL)
          {
            g_ptr_array_add (found, (gpointer) personal[i]);
            break;
          }
    }

  return found;
}

/* Text fields of the model that hold anything but the desk's choices. */
static void
assert_model_forgot (Fixture *f)
{
  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      if (i == PKIO_ORDER_TEXT_PROVISIONING_METHOD || i == PKIO_ORDER_TEXT_COUNTRY ||
          i == PKIO_ORDER_TEXT_SHIP_COUNTRY || i == PKIO_ORDER_TEXT_BILLING_COUNTRY)
        continue;
      if (pkio_order_get_text (f->order, i) != NULL)
        g_error ("text field %u still holds “%s”", i, pkio_order_get_text (f->order, i));
    }
  g_assert_cmpint (pkio_order_get_individual_id (f->order), ==, 0);
  g_assert_false (pkio_order_get_csa_agreed_to (f->order));

  /* The desk's defaults are what remains. */
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_COUNTRY), ==, "nl");
  g_assert_cmpint (pkio_order_get_ship_method (f->order), ==, PKIO_SHIP_METHOD_STANDARD);
  g_assert_cmpint (pkio_order_get_validity_years (f->order), ==, 2);
}

static gboolean
on_result_or_asked_cb (gpointer data)
{
  return on_result_cb (data) || pkio_test_ui_find_question_button ("_Order Anyway") != NULL;
}

static gint64
submit_with_ctrl_enter (Fixture *f)
{
  PkioResultPage *result;
  PkioReceipt *receipt;
  GtkWidget *order_anyway;

  pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, "review"));
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.submit", NULL));
  /* The tests of this program share a history: an applicant placed by an
   * earlier one is asked about, and the desk orders again on purpose. */
  if (pkio_test_ui_wait_until (on_result_or_asked_cb, f, PKIO_TEST_HANG_SECONDS) &&
      (order_anyway = pkio_test_ui_find_question_button ("_Order Anyway")) != NULL)
    g_signal_emit_by_name (order_anyway, "clicked");
  if (!pkio_test_ui_wait_until (on_result_cb, f, PKIO_TEST_HANG_SECONDS))
    {
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

      g_autoptr(GPtrArray) problems = NULL;

      if (!pkio_order_validate (f->order, &problems))
        for (guint i = 0; i < problems->len; i++)
          g_test_message ("problem: %s", ((PkioOrderProblem *) g_ptr_array_index (problems, i))->path);
      /* Say what the page says, to tell why. */
      collect_strings (GTK_WIDGET (pkio_assistant_get_current_page (f->assistant)), strings);
      for (guint i = 0; i < strings->len; i++)
        g_test_message ("shown: %s", (char *) g_ptr_array_index (strings, i));
      g_error ("the order was not placed; still on %s (can go next: %d, applying: %d, "
               "orders: %u, requests: %u)", current_id (f),
               pkio_assistant_get_can_go_next (f->assistant),
               pkio_assistant_get_applying (f->assistant),
               pkio_simulator_get_n_orders (f->simulator),
               pkio_simulator_get_n_requests (f->simulator));
    }

  result = PKIO_RESULT_PAGE (pkio_window_get_page (f->window, "result"));
  receipt = pkio_result_page_get_receipt (result);
  g_assert_nonnull (receipt);

  return pkio_simulator_get_n_orders (f->simulator);
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* Tests */

static void
test_next_applicant_forgets (Fixture       *f,
                             gconstpointer  data)
{
  const Applicant *a = &applicants[0];
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  PkioReceipt *receipt;

  pkio_test_ui_wait_orders_loaded (f->window);

  fill (f, a);
  visit_every_page (f);
  submit_with_ctrl_enter (f);

  /* The walk finds the applicant while they are there: a walk that finds
   * nothing would prove nothing below. */
  receipt = pkio_result_page_get_receipt (PKIO_RESULT_PAGE (pkio_window_get_page (f->window,
                                                                                  "result")));
  g_assert_nonnull (receipt);
  before = find_personal_strings (f, a, 0);
  g_assert_cmpuint (before->len, >=, 8);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpstr (current_id (f), ==, "welcome");

  after = find_personal_strings (f, a, 0);
  for (guint i = 0; i < after->len; i++)
    g_test_message ("left over: %s", (char *) g_ptr_array_index (after, i));
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_null (pkio_result_page_get_receipt (PKIO_RESULT_PAGE (
                   pkio_window_get_page (f->window, "result"))));

  /* Not on the pages once visited again either: they show the model. */
  visit_every_page (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = find_personal_strings (f, a, 0);
  g_assert_cmpuint (after->len, ==, 0);
  assert_model_forgot (f);
}

/* New Order on a fresh order, after the desk's country was changed in
 * Preferences: nothing was typed, so nothing is asked, and the next order
 * starts from the new default. The app asked "Discard This Order?" since
 * the country the old default gave differed from the new one. */
static void
new_order_after_defaults_changed (Fixture    *f,
                                  const char *country)
{
  g_settings_set_string (f->gsettings, "desk-country", country);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  pkio_test_ui_iterate_until_idle ();
  g_assert_null (pkio_test_ui_find_question_button ("_Discard and Start Over"));
  g_assert_cmpstr (current_id (f), ==, "welcome");
}

static void
test_defaults_changed (Fixture       *f,
                       gconstpointer  data)
{
  pkio_test_ui_wait_orders_loaded (f->window);
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_COUNTRY), ==, "nl");

  /* From one default to another. */
  new_order_after_defaults_changed (f, "be");
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_COUNTRY), ==, "be");
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_SHIP_COUNTRY), ==, "be");

  /* From none to one: the desk's first day. */
  new_order_after_defaults_changed (f, "");
  g_assert_null (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_COUNTRY));
  new_order_after_defaults_changed (f, "de");
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_COUNTRY), ==, "de");
}

static gboolean
has_latest_draft (gpointer data)
{
  Fixture *f = data;
  PkioDraftStore *drafts = pkio_window_get_draft_store (f->window);

  return drafts != NULL && pkio_draft_store_get_latest (drafts) != NULL &&
         !pkio_draft_store_has_pending (drafts);
}

static void
test_new_order_keeps_draft (Fixture       *f,
                            gconstpointer  data)
{
  const Applicant *a = &applicants[1];
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(PkioOrder) saved = NULL;
  const PkioDraft *draft;

  pkio_test_ui_wait_orders_loaded (f->window);

  /* Halfway through: the applicant walks away. */
  fill (f, a);
  pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, "shipping"));
  pkio_test_ui_iterate_until_idle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpstr (current_id (f), ==, "welcome");
  assert_model_forgot (f);
  after = find_personal_strings (f, a, 0);
  g_assert_cmpuint (after->len, ==, 0);

  /* What they typed is kept, with the page they reached. */
  g_assert_true (pkio_test_ui_wait_until (has_latest_draft, f, PKIO_TEST_HANG_SECONDS));
  draft = pkio_draft_store_get_latest (pkio_window_get_draft_store (f->window));
  g_assert_cmpstr (draft->step, ==, "shipping");
  saved = pkio_draft_store_dup_order (pkio_window_get_draft_store (f->window), draft->id, NULL);
  g_assert_cmpstr (pkio_order_get_text (saved, PKIO_ORDER_TEXT_LAST_NAME), ==, a->last_name);
  g_assert_cmpstr (pkio_order_get_text (saved, PKIO_ORDER_TEXT_SHIP_ADDR1), ==, a->street);

  /* And nothing was sent. */
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, 0);
}

static guint
count_drafts (Fixture *f)
{
  g_autoptr(GPtrArray) drafts =
    pkio_draft_store_dup_drafts (pkio_window_get_draft_store (f->window));

  return drafts->len;
}

/* Typed, but not whom it is for: no draft can be picked up again, so New
 * Order asks before it loses what was typed. */
static void
test_new_order_asks_without_applicant (Fixture       *f,
                                       gconstpointer  data)
{
  const Applicant *a = &applicants[3];
  guint before;

  pkio_test_ui_wait_orders_loaded (f->window);
  before = count_drafts (f);
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_TELEPHONE, a->telephone);
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CITY, a->city);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  pkio_test_ui_answer_question ("_Keep Editing");
  g_assert_nonnull (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_TELEPHONE));
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_CITY), ==, a->city);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  pkio_test_ui_answer_question ("_Discard and Start Over");
  pkio_test_ui_iterate_until_idle ();
  g_assert_null (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_TELEPHONE));
  g_assert_null (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_CITY));
  g_assert_cmpstr (current_id (f), ==, "welcome");
  g_assert_cmpuint (count_drafts (f), ==, before);
}

/* The next day: the same applicant is back and the desk opens their draft.
 * Finishing it must not leave a second copy behind. */
static void
test_continued_draft_stays_one (Fixture       *f,
                                gconstpointer  data)
{
  const Applicant *a = &applicants[4];
  PkioDraftStore *drafts;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *id = NULL;
  guint n_theirs = 0;

  pkio_test_ui_wait_orders_loaded (f->window);
  drafts = pkio_window_get_draft_store (f->window);

  fill (f, a);
  pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, "shipping"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order", NULL));
  g_assert_true (pkio_test_ui_wait_until (has_latest_draft, f, PKIO_TEST_HANG_SECONDS));
  id = g_strdup (pkio_draft_store_get_latest (drafts)->id);

  pkio_window_open_draft (f->window, id);
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_LAST_NAME), ==, a->last_name);
  g_assert_cmpstr (current_id (f), ==, "shipping");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_SHIP_ADDR2, "Achterhuis");
  g_assert_true (pkio_test_ui_wait_until (has_latest_draft, f, PKIO_TEST_HANG_SECONDS));

  /* Other tests' drafts share the store: count this applicant's. */
  all = pkio_draft_store_dup_drafts (drafts);
  for (guint i = 0; i < all->len; i++)
    {
      const PkioDraft *draft = g_ptr_array_index (all, i);

      if (draft->applicant != NULL && strstr (draft->applicant, a->last_name) != NULL)
        {
          g_assert_cmpstr (draft->id, ==, id);
          n_theirs++;
        }
    }
  g_assert_cmpuint (n_theirs, ==, 1);
}

static gboolean
warning_shown (gpointer data)
{
  return pkio_window_is_idle_warning_shown (data);
}

static gboolean
model_cleared (gpointer data)
{
  Fixture *f = data;

  return pkio_order_get_text (f->order, PKIO_ORDER_TEXT_FIRST_NAME) == NULL;
}

static void
test_idle_clears (Fixture       *f,
                  gconstpointer  data)
{
  const Applicant *a = &applicants[2];
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(PkioOrder) saved = NULL;
  const PkioDraft *draft;

  pkio_test_ui_wait_orders_loaded (f->window);

  /* Off by default: nothing warns however long the window waits. */
  g_assert_cmpuint (pkio_settings_get_idle_clear_minutes (f->settings), ==, 0);
  pkio_window_set_idle_unit (f->window, 100);
  fill (f, a);
  pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, "payment"));
  g_assert_false (pkio_test_ui_wait_until (warning_shown, f->window, 1));
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_FIRST_NAME), ==,
                   a->first_name);

  /* On (two "minutes" of 100 ms here): first a warning, and the details
   * stay while it shows. */
  pkio_settings_set_idle_clear_minutes (f->settings, 2);
  g_assert_true (pkio_test_ui_wait_until (warning_shown, f->window, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_FIRST_NAME), ==,
                   a->first_name);

  /* Someone touches a key: the warning goes and the count starts over. */
  pkio_window_note_activity (f->window);
  g_assert_false (pkio_window_is_idle_warning_shown (f->window));
  g_assert_cmpstr (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_FIRST_NAME), ==,
                   a->first_name);

  /* No one does: the window clears for the next applicant. */
  g_assert_true (pkio_test_ui_wait_until (warning_shown, f->window, PKIO_TEST_HANG_SECONDS));
  g_assert_true (pkio_test_ui_wait_until (model_cleared, f, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpstr (current_id (f), ==, "welcome");
  g_assert_false (pkio_window_is_idle_warning_shown (f->window));
  assert_model_forgot (f);
  after = find_personal_strings (f, a, 0);
  g_assert_cmpuint (after->len, ==, 0);

  /* The unfinished order is a draft, not lost. */
  g_assert_true (pkio_test_ui_wait_until (has_latest_draft, f, PKIO_TEST_HANG_SECONDS));
  draft = pkio_draft_store_get_latest (pkio_window_get_draft_store (f->window));
  g_assert_cmpstr (draft->step, ==, "payment");
  saved = pkio_draft_store_dup_order (pkio_window_get_draft_store (f->window), draft->id, NULL);
  g_assert_cmpstr (pkio_order_get_text (saved, PKIO_ORDER_TEXT_EMAIL), ==, a->email);

  /* An empty window has nothing to hide: no warning for it. */
  g_assert_false (pkio_test_ui_wait_until (warning_shown, f->window, 1));
}

/* The window's own shortcuts, as GtkShortcut objects of its class. */
static GPtrArray *
window_shortcuts (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), j));
    }

  return shortcuts;
}

static GtkShortcut *
find_shortcut (GPtrArray  *shortcuts,
               const char *accelerator)
{
  guint keyval;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &mods));
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcut *shortcut = g_ptr_array_index (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
        return shortcut;
    }

  return NULL;
}

static const char *
named_action (GtkShortcut *shortcut)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

  return GTK_IS_NAMED_ACTION (action) ? gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))
                                      : NULL;
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) shortcuts = window_shortcuts (f);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GString) listed = g_string_new (" ");
  GSList *objects;
  GObject *overlay;

  /* Ctrl+Enter submits, Ctrl+N starts the next applicant. */
  g_assert_cmpstr (named_action (find_shortcut (shortcuts, "<Control>Return")), ==,
                   "assistant.submit");
  g_assert_cmpstr (named_action (find_shortcut (shortcuts, "<Control>n")), ==,
                   "assistant.new-order");

  /* Ctrl+Enter only where it cannot skip the review. */
  fill (f, &applicants[3]);
  pkio_assistant_set_current_page (f->assistant, pkio_window_get_page (f->window, "applicant"));
  pkio_test_ui_iterate_until_idle ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.submit", NULL);
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpstr (current_id (f), ==, "applicant");
  g_assert_false (pkio_assistant_get_applying (f->assistant));
  g_assert_cmpuint (pkio_simulator_get_n_requests (f->simulator), ==, 0);

  /* The shortcuts window lists every key the window answers to. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;
        guint keyval;
        GdkModifierType mods;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (accelerator != NULL && gtk_accelerator_parse (accelerator, &keyval, &mods))
          g_string_append_printf (listed, "%u:%u ", keyval, mods);
      }
  g_slist_free (objects);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (g_ptr_array_index (shortcuts, i));
      g_autofree char *needle = NULL;
      guint keyval;

      /* Ours are named actions; GtkWindow's own key bindings (Space to
       * activate, arrows to move focus) are signals every app has. */
      if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
          named_action (g_ptr_array_index (shortcuts, i)) == NULL)
        continue;
      keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      /* The keypad's Enter is the same key as Return to a person. */
      if (keyval == GDK_KEY_KP_Enter)
        continue;
      needle = g_strdup_printf (" %u:%u ", keyval,
                                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
      if (strstr (listed->str, needle) == NULL)
        g_error ("the shortcuts window does not list %s",
                 gtk_shortcut_trigger_to_string (trigger));
    }
  g_object_unref (g_object_ref_sink (overlay));
}

static GtkWidget *
find_mnemonic_label (GtkWidget *root,
                     guint      keyval)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (root))) == keyval)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mnemonic_label (child, keyval);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_existing_individual_keys (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *welcome = GTK_WIDGET (pkio_window_get_page (f->window, "welcome"));
  GtkWidget *label = find_mnemonic_label (welcome, GDK_KEY_e);
  GtkWidget *focus;

  /* Alt+E: the existing-individual choice, with the cursor in its ID. */
  g_assert_nonnull (label);
  gtk_widget_mnemonic_activate (label, FALSE);
  pkio_test_ui_iterate_until_idle ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  while (focus != NULL && !ADW_IS_ENTRY_ROW (focus))
    focus = gtk_widget_get_parent (focus);
  g_assert_nonnull (focus);

  /* The ID, then Enter: the order goes on without the applicant's page. */
  gtk_editable_set_text (GTK_EDITABLE (focus), "4242");
  g_signal_emit_by_name (focus, "entry-activated");
  pkio_test_ui_iterate_until_idle ();
  g_assert_cmpint (pkio_order_get_individual_id (f->order), ==, 4242);
  g_assert_cmpstr (current_id (f), !=, "welcome");
  g_assert_cmpstr (current_id (f), !=, "applicant");
}

/* Five applicants in a row, each with a receipt, as a desk works: Ctrl+Enter
 * to submit, a receipt saved, Ctrl+N for the next. */
static void
test_five_applicants (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("pkio-desk-XXXXXX", NULL);
  g_autoptr(GPtrArray) entries = NULL;

  pkio_test_ui_wait_orders_loaded (f->window);
  g_settings_set_string (f->gsettings, "desk-payment-method", "balance");
  pkio_settings_apply_desk_defaults (f->settings, f->order);

  for (guint i = 0; i < G_N_ELEMENTS (applicants); i++)
    {
      Applicant a = applicants[i];
      g_autofree char *pdf = g_strdup_printf ("%s/receipt-%u.pdf", dir, i);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      PkioReceipt *receipt;

      /* The card belongs to the first test; here the desk's balance pays. */
      a.card_number = NULL;
      g_assert_cmpint (pkio_order_get_payment_method (f->order), ==, PKIO_PAYMENT_METHOD_BALANCE);
      fill (f, &a);
      visit_every_page (f);
      g_assert_cmpuint (submit_with_ctrl_enter (f), ==, i + 1);

      receipt = pkio_result_page_get_receipt (PKIO_RESULT_PAGE (pkio_window_get_page (f->window,
                                                                                      "result")));
      g_assert_true (pkio_receipt_export_pdf (receipt, pdf, &error));
      g_assert_no_error (error);
      text = pdf_text (pdf);
      g_assert_nonnull (strstr (text, a.last_name));
      g_assert_nonnull (strstr (text, a.street));
      /* Each receipt is its applicant's alone. */
      if (i > 0)
        g_assert_null (strstr (text, applicants[i - 1].last_name));

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "assistant.new-order",
                                                 NULL));
      pkio_test_ui_iterate_until_idle ();
      g_assert_cmpstr (current_id (f), ==, "welcome");
      g_assert_null (pkio_order_get_text (f->order, PKIO_ORDER_TEXT_LAST_NAME));
      g_assert_cmpint (pkio_order_get_payment_method (f->order), ==, PKIO_PAYMENT_METHOD_BALANCE);
    }

  /* All five went once each, and are in the history by name. */
  g_assert_cmpuint (pkio_simulator_get_n_orders (f->simulator), ==, G_N_ELEMENTS (applicants));
  entries = pkio_history_dup_entries (pkio_outbox_get_history (pkio_window_get_outbox (f->window)));
  for (guint i = 0; i < G_N_ELEMENTS (applicants); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < entries->len; j++)
        {
          const PkioHistoryEntry *entry = g_ptr_array_index (entries, j);

          if (entry->applicant != NULL && strstr (entry->applicant, applicants[i].last_name))
            found = TRUE;
        }
      g_assert_true (found);
    }

  for (guint i = 0; i < G_N_ELEMENTS (applicants); i++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/receipt-%u.pdf", dir, i);

      g_unlink (pdf);
    }
  g_rmdir (dir);
}


/* Toasts */

/* Every label under a widget whose type is named @type_name, and under
 * any of its descendants. */
static void
collect_labels (GtkWidget  *widget,
                gboolean    inside,
                const char *type_name,
                GPtrArray  *labels)
{
  inside = inside || g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name);
  if (inside && GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, inside, type_name, labels);
}

static GtkWidget *
find_toast_label (GtkWidget  *window,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (window, FALSE, "AdwToastWidget", labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (labels->pdata[i]), text))
      return labels->pdata[i];

  return NULL;
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} ToastWait;

static gboolean
toast_shown_cb (gpointer data)
{
  ToastWait *wait = data;

  return find_toast_label (wait->window, wait->text) != NULL;
}

/* A label showing @text in any window (a dialog in the window on newer
 * libadwaita, a window of its own on 1.2). */
static gboolean
any_window_shows_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      collect_labels (window, TRUE, "", labels);
      for (guint j = 0; j < labels->len; j++)
        if (g_str_equal (gtk_label_get_text (labels->pdata[j]), data))
          return TRUE;
    }

  return FALSE;
}

/* A draft that cannot be saved is said in a toast short enough to be seen
 * whole ("The draft could not be saved: …" was cut after a few words), and
 * its Details show the whole reason. */
static void
test_long_toast_has_details (Fixture       *f,
                             gconstpointer  data)
{
  const char *reason = "Could not write the file “drafts/0123456789abcdef.json”: "
                       "No space left on device";
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, reason);
  g_autofree char *whole = g_strdup_printf ("The draft could not be saved: %s", reason);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  ToastWait wait = { GTK_WIDGET (f->window), "The draft could not be saved" };
  GtkWidget *button = NULL;

  g_assert_true (pkio_test_ui_wait_until (pkio_test_ui_orders_loaded, f->window,
                                          PKIO_TEST_HANG_SECONDS));
  g_signal_emit_by_name (pkio_window_get_draft_store (f->window), "save-failed", error);
  g_assert_true (pkio_test_ui_wait_until (toast_shown_cb, &wait, PKIO_TEST_HANG_SECONDS));

  /* No toast text is longer than a narrow window shows whole. */
  collect_labels (GTK_WIDGET (f->window), FALSE, "AdwToastWidget", labels);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpint (g_utf8_strlen (gtk_label_get_text (labels->pdata[i]), -1), <=, 48);

  for (GtkWidget *w = find_toast_label (GTK_WIDGET (f->window), "Details"); w != NULL;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w))
      {
        button = w;
        break;
      }
  g_assert_nonnull (button);
  g_assert_false (any_window_shows_cb (whole));
  gtk_widget_activate (button);
  g_assert_true (pkio_test_ui_wait_until (any_window_shows_cb, whole, PKIO_TEST_HANG_SECONDS));
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add ("/pkio/desk/next-applicant-forgets", Fixture, NULL,
              fixture_setup, test_next_applicant_forgets, fixture_teardown);
  g_test_add ("/pkio/desk/defaults-changed", Fixture, NULL,
              fixture_setup, test_defaults_changed, fixture_teardown);
  g_test_add ("/pkio/desk/new-order-keeps-draft", Fixture, NULL,
              fixture_setup, test_new_order_keeps_draft, fixture_teardown);
  g_test_add ("/pkio/desk/continued-draft-stays-one", Fixture, NULL,
              fixture_setup, test_continued_draft_stays_one, fixture_teardown);
  g_test_add ("/pkio/desk/new-order-asks-without-applicant", Fixture, NULL,
              fixture_setup, test_new_order_asks_without_applicant, fixture_teardown);
  g_test_add ("/pkio/desk/idle-clears", Fixture, NULL,
              fixture_setup, test_idle_clears, fixture_teardown);
  g_test_add ("/pkio/desk/shortcuts", Fixture, NULL,
              fixture_setup, test_shortcuts, fixture_teardown);
  g_test_add ("/pkio/desk/existing-individual-keys", Fixture, NULL,
              fixture_setup, test_existing_individual_keys, fixture_teardown);
  g_test_add ("/pkio/desk/five-applicants", Fixture, NULL,
              fixture_setup, test_five_applicants, fixture_teardown);
  g_test_add ("/pkio/desk/long-toast-has-details", Fixture, NULL,
              fixture_setup, test_long_toast_has_details, fixture_teardown);

  return g_test_run ();
}
