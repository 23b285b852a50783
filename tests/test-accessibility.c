/* test-accessibility.c
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

#include "pkio-form.h"
#include "pkio-order-response.h"
#include "pkio-question.h"
#include "pkio-result-page.h"
#include "pkio-test-ui.h"
#include "pkio-welcome-page.h"
#include "pkio-window.h"

/* Every wizard page as GTK's test AT context sees it: each control has one
 * name and the role that says what it is; a field with a message says it
 * is invalid and is described by the message on screen; Tab goes through
 * the page in the order it reads. Nothing here depends on English text:
 * controls are found by type, names are compared with the row titles. */

static const char * const page_ids[] = {
  "welcome", "applicant", "certificate", "shipping", "payment", "agreement", "review", "result",
};

typedef struct
{
  PkioSettings  *settings;
  PkioWindow    *window;
  PkioOrder     *order;
  PkioAssistant *assistant;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = pkio_settings_new (NULL);
  f->window = pkio_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 860, 700);
  pkio_test_ui_present (GTK_WINDOW (f->window));
  f->order = pkio_window_get_order (f->window);
  f->assistant = pkio_window_get_assistant (f->window);
  pkio_test_ui_iterate_until_idle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->settings);
}

static PkioPage *
page (Fixture    *f,
      const char *id)
{
  PkioPage *p = pkio_window_get_page (f->window, id);

  g_assert_nonnull (p);
  return p;
}

static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Shows the page and waits for the frame that lays it out: positions are
 * compared below. */
static void
show_page (Fixture    *f,
           const char *id)
{
  pkio_assistant_set_current_page (f->assistant, page (f, id));
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (pkio_test_ui_wait_until (laid_out, page (f, id), PKIO_TEST_HANG_SECONDS));
}

/* Every optional row on screen: a card with its billing address, states
 * (asked for in the US), an existing individual's id. */
static void
fill_order (PkioOrder *order)
{
  pkio_order_set_text (order, PKIO_ORDER_TEXT_FIRST_NAME, "Jan");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_LAST_NAME, "Jansen");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_EMAIL, "jan@example.nl");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_TELEPHONE, "+31612345678");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_COUNTRY, "us");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_STATE, "NY");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_CITY, "Albany");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_ZIP, "12207");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_NAME, "Jan Jansen");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ADDR1, "Domplein 29");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_CITY, "Utrecht");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_STATE, "Utrecht");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_ZIP, "3512 JE");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_SHIP_COUNTRY, "nl");
  pkio_order_set_text (order, PKIO_ORDER_TEXT_BILLING_COUNTRY, "us");
  pkio_order_set_ship_method (order, PKIO_SHIP_METHOD_STANDARD);
  pkio_order_set_payment_method (order, PKIO_PAYMENT_METHOD_CARD);
  pkio_order_set_csa_agreed_to (order, TRUE);
}

static void
show_result (Fixture *f)
{
  PkioOrderReceipt receipt = { .id = 1234567, .certificate_id = 7654321 };

  receipt.requests = g_ptr_array_new ();
  pkio_result_page_set_receipt (PKIO_RESULT_PAGE (page (f, "result")), &receipt);
  g_ptr_array_unref (receipt.requests);
  show_page (f, "result");
}

/* What libadwaita and GTK build inside their own widgets (a spin button's
 * text, a drop-down's button and popover, an entry row's edit icon) is
 * theirs to name; the AT-SPI test looks at what of it reaches the bus. */
static gboolean
is_inner_part (GtkWidget *widget,
               GtkWidget *page_widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget);
       w != NULL && w != page_widget;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_DROP_DOWN (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_POPOVER (w) ||
        GTK_IS_MENU_BUTTON (w) || ADW_IS_ENTRY_ROW (w))
      return TRUE;

  return FALSE;
}

static gboolean
is_radio (GtkWidget *widget)
{
  /* Choices that exclude each other, by template id. */
  static const struct { const char *page; const char *id; } radios[] = {
    { "welcome", "new_check" }, { "welcome", "existing_check" },
    { "shipping", "standard_check" }, { "shipping", "expedited_check" },
    { "payment", "balance_check" }, { "payment", "card_check" },
  };
  PkioPage *p = PKIO_PAGE (gtk_widget_get_ancestor (widget, PKIO_TYPE_PAGE));

  for (guint i = 0; i < G_N_ELEMENTS (radios); i++)
    if (g_strcmp0 (pkio_page_get_page_id (p), radios[i].page) == 0 &&
        gtk_widget_get_template_child (GTK_WIDGET (p), G_OBJECT_TYPE (p),
                                       radios[i].id) == G_OBJECT (widget))
      return TRUE;

  return FALSE;
}

/* The role a control must have for a screen reader to say what it is, or
 * GTK_ACCESSIBLE_ROLE_NONE if @widget is not a control. */
static GtkAccessibleRole
expected_role (GtkWidget *widget)
{
  if (ADW_IS_ENTRY_ROW (widget))
    return GTK_ACCESSIBLE_ROLE_TEXT_BOX;
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_ACCESSIBLE_ROLE_COMBO_BOX;
  if (GTK_IS_CHECK_BUTTON (widget))
    return is_radio (widget) ? GTK_ACCESSIBLE_ROLE_RADIO : GTK_ACCESSIBLE_ROLE_CHECKBOX;
  if (GTK_IS_SWITCH (widget))
    return GTK_ACCESSIBLE_ROLE_SWITCH;
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_ACCESSIBLE_ROLE_SPIN_BUTTON;
  if (GTK_IS_LINK_BUTTON (widget))
    return GTK_ACCESSIBLE_ROLE_LINK;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_EXPANDER (widget))
    return GTK_ACCESSIBLE_ROLE_BUTTON;

  return GTK_ACCESSIBLE_ROLE_NONE;
}

/* The row whose title names @widget: the row itself for an entry row, the
 * row it is the activatable widget of otherwise. */
static AdwPreferencesRow *
title_row (GtkWidget *widget)
{
  GtkWidget *row;

  if (ADW_IS_ENTRY_ROW (widget))
    return ADW_PREFERENCES_ROW (widget);

  row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget)
    return ADW_PREFERENCES_ROW (row);

  return NULL;
}

static void
collect_controls (GtkWidget *root,
                  GtkWidget *page_widget,
                  GPtrArray *controls)
{
  if (!gtk_widget_get_visible (root))
    return;

  if (expected_role (root) != GTK_ACCESSIBLE_ROLE_NONE && !is_inner_part (root, page_widget))
    g_ptr_array_add (controls, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, page_widget, controls);
}

/* A row's title as shown: with use-underline, "_New" reads "New". */
static char *
shown_title (AdwPreferencesRow *row)
{
  const char *title = adw_preferences_row_get_title (row);
  GString *shown;

  if (!adw_preferences_row_get_use_underline (row))
    return g_strdup (title);

  shown = g_string_new (NULL);
  for (const char *c = title; *c != '\0'; c++)
    {
      if (*c == '_' && c[1] != '\0')
        c++;
      g_string_append_c (shown, *c);
    }

  return g_string_free (shown, FALSE);
}

static const char *
role_name (GtkAccessibleRole role)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *value = g_enum_get_value (roles, role);

  return value != NULL ? value->value_nick : "unknown";
}

/* A list left unnamed is a plain container, with nothing to be read by:
 * related to its group's empty title, Orca 48 said a bare "panel". */
static void
check_plain_lists (GtkWidget  *widget,
                   const char *id)
{
  if (GTK_IS_LIST_BOX (widget) &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_GENERIC &&
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    g_error ("an unnamed list on page %s is labelled by something", id);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_plain_lists (child, id);
}

static guint
check_page_controls (PkioPage *p)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  const char *id = pkio_page_get_page_id (p);

  collect_controls (GTK_WIDGET (p), GTK_WIDGET (p), controls);
  g_test_message ("page %s: %u controls", id, controls->len);
  check_plain_lists (GTK_WIDGET (p), id);

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      GtkWidget *w = pkio_test_ui_get_text_box (control);
      AdwPreferencesRow *row = title_row (control);
      g_autofree char *name = NULL;
      GtkAccessibleRole role;

      /* A radio, check or switch row is its control, which is only drawn
       * (one Tab stop per choice): the row must say what it would. */
      if ((GTK_IS_CHECK_BUTTON (control) || GTK_IS_SWITCH (control)) && row != NULL &&
          !gtk_widget_get_can_focus (control))
        {
          w = GTK_WIDGET (row);
          if (gtk_widget_get_focusable (control))
            g_error ("the drawn %s in row “%s” on page %s takes the focus", G_OBJECT_TYPE_NAME (control),
                     adw_preferences_row_get_title (row), id);
        }

      name = pkio_test_ui_dup_accessible_name (w);
      role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w));

      if (role != expected_role (control))
        g_error ("a %s on page %s has the role %s, not %s", G_OBJECT_TYPE_NAME (w), id,
                 role_name (role), role_name (expected_role (control)));

      if (*name == '\0')
        g_error ("a %s on page %s has no accessible name", G_OBJECT_TYPE_NAME (w), id);

      /* In a row: named by the row's title, once, as it reads (without the
       * mnemonic's underscore). */
      if (row != NULL)
        {
          g_autofree char *title = shown_title (row);

          g_autofree char *title_comma = g_strconcat (title, ", ", NULL);

          /* GTK 4.10 and later give a drop-down's button its name, which
           * is where Orca 48 hears the choice: "Valid For, Standard
           * period". GTK 4.8 names the button by the choice alone, and
           * Orca 43 reads both ("Valid For combo box / Standard period
           * push button"). */
          if (GTK_IS_DROP_DOWN (control) && gtk_get_minor_version () >= 10)
            {
              g_autofree char *choice = pkio_test_ui_dup_choice (GTK_DROP_DOWN (control));
              g_autofree char *with_choice = g_strconcat (title_comma, choice, NULL);

              g_assert_nonnull (choice);
              if (g_strcmp0 (name, with_choice) != 0)
                g_error ("the drop-down “%s” on page %s is named “%s”, not “%s”",
                         title, id, name, with_choice);
            }
          else if (g_strcmp0 (name, title) != 0)
            g_error ("the %s in row “%s” on page %s is named “%s”", G_OBJECT_TYPE_NAME (w),
                     title, id, name);
        }
    }

  return controls->len;
}

static void
test_names_and_roles (Fixture       *f,
                      gconstpointer  data)
{
  guint checked = 0;

  fill_order (f->order);

  /* The individual id's row, then the applicant's page it hides. */
  pkio_order_set_individual_id (f->order, 4711);
  show_page (f, "welcome");
  checked += check_page_controls (page (f, "welcome"));
  pkio_order_set_individual_id (f->order, 0);

  show_page (f, "certificate");
  for (PkioValidityKind kind = PKIO_VALIDITY_KIND_YEARS;
       kind <= PKIO_VALIDITY_KIND_CUSTOM_DATE;
       kind++)
    {
      pkio_order_set_validity_kind (f->order, kind);
      pkio_test_ui_iterate_until_idle ();
      checked += check_page_controls (page (f, "certificate"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_ids); i++)
    {
      if (g_str_equal (page_ids[i], "result"))
        show_result (f);
      else
        show_page (f, page_ids[i]);
      checked += check_page_controls (page (f, page_ids[i]));
    }

  /* Fields, pickers, switches, choices, Edit and Copy buttons. */
  g_assert_cmpuint (checked, >, 50);
}

/* The label libadwaita describes a row's activatable widget by. */
static GtkWidget *
find_subtitle (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "subtitle"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_subtitle (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
invalid_is (GtkWidget                 *widget,
            GtkAccessibleInvalidState  value)
{
  return pkio_test_ui_check_ok (gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_STATE_INVALID,
                                                                 value));
}

/* Whether @widget is described by exactly @first (and @second). */
static gboolean
described_by (GtkWidget *widget,
              GtkWidget *first,
              GtkWidget *second)
{
  if (second != NULL)
    return pkio_test_ui_check_ok (gtk_test_accessible_check_relation (
                                    GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    first, second, NULL));

  return pkio_test_ui_check_ok (gtk_test_accessible_check_relation (
                                  GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  first, NULL));
}

/* A control says it is invalid, and is described by the message under it
 * (before its row's subtitle, if it has one), exactly while the message
 * is on screen. */
static void
assert_invalid_state (GtkWidget  *widget,
                      GtkWidget  *hint,
                      const char *what)
{
  gboolean shown = gtk_widget_is_visible (hint) &&
                   *gtk_label_get_text (GTK_LABEL (hint)) != '\0';
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  GtkWidget *subtitle = row ? find_subtitle (row) : NULL;

  if (shown)
    {
      if (!invalid_is (widget, GTK_ACCESSIBLE_INVALID_TRUE))
        g_error ("%s shows a message but is not invalid", what);
      if (!described_by (widget, hint, NULL) &&
          (subtitle == NULL || !described_by (widget, hint, subtitle)))
        g_error ("%s is not described by its message", what);
    }
  else
    {
      if (gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID) &&
          !invalid_is (widget, GTK_ACCESSIBLE_INVALID_FALSE))
        g_error ("%s shows no message but is invalid", what);
      if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_DESCRIBED_BY) &&
          (subtitle == NULL || !described_by (widget, subtitle, NULL)))
        g_error ("%s is described by a message that is not shown", what);
    }
}

/* The widget the keyboard is on for a form row. */
static GtkWidget *
focus_control (GtkWidget *row)
{
  GtkWidget *control = NULL;

  if (ADW_IS_ACTION_ROW (row))
    control = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  return control ? control : row;
}

static guint
check_form (Fixture    *f,
            const char *page_id)
{
  PkioForm *form = pkio_form_get_for_page (page (f, page_id));
  g_auto(GStrv) paths = pkio_form_dup_paths (form);
  guint invalid = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      GtkWidget *row = pkio_form_get_row (form, paths[i]);
      GtkWidget *hint = pkio_form_get_hint (form, paths[i]);
      g_autofree char *what = g_strdup_printf ("%s on page %s", paths[i], page_id);

      if (!gtk_widget_get_visible (row))
        continue;

      assert_invalid_state (row, hint, what);
      assert_invalid_state (focus_control (row), hint, what);
      if (gtk_widget_is_visible (hint))
        {
          g_test_message ("%s: %s", what, gtk_label_get_text (GTK_LABEL (hint)));
          invalid++;
        }
    }

  return invalid;
}

static void
test_invalid_described_by (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const form_pages[] = {
    "applicant", "certificate", "shipping", "payment", "agreement",
  };
  GtkWidget *welcome = GTK_WIDGET (page (f, "welcome"));
  GtkWidget *id_row = GTK_WIDGET (gtk_widget_get_template_child (welcome, PKIO_TYPE_WELCOME_PAGE,
                                                                  "id_row"));
  GtkWidget *id_hint = GTK_WIDGET (gtk_widget_get_template_child (welcome, PKIO_TYPE_WELCOME_PAGE,
                                                                   "id_hint"));

  /* Nothing is called wrong before the user has tried. */
  for (guint i = 0; i < G_N_ELEMENTS (form_pages); i++)
    g_assert_cmpuint (check_form (f, form_pages[i]), ==, 0);

  /* Welcome: an id that is not a number, and Enter. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (
                                                   welcome, PKIO_TYPE_WELCOME_PAGE,
                                                   "existing_check")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (id_row), "12ab");
  g_signal_emit_by_name (id_row, "entry-activated");
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (gtk_widget_is_visible (id_hint));
  assert_invalid_state (id_row, id_hint, "the individual id");
  gtk_editable_set_text (GTK_EDITABLE (id_row), "4711");
  pkio_test_ui_iterate_until_idle ();
  g_assert_false (gtk_widget_is_visible (id_hint));
  assert_invalid_state (id_row, id_hint, "the individual id");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (
                                                   welcome, PKIO_TYPE_WELCOME_PAGE,
                                                   "new_check")), TRUE);

  /* Every step, wrong everywhere it can be, after trying to move on. */
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_EMAIL, "jan@");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_TELEPHONE, "0612");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_COUNTRY, "nl");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_ZIP, "35");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_SHIP_ZIP, "35");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_SHIP_COUNTRY, "nl");
  pkio_order_set_validity_kind (f->order, PKIO_VALIDITY_KIND_CUSTOM_DATE);
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CUSTOM_EXPIRATION_DATE, "01 JAN 2000");
  pkio_order_set_payment_method (f->order, PKIO_PAYMENT_METHOD_CARD);
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_NUMBER, "4111 1111 1111 1112");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "13");
  pkio_test_ui_iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (form_pages); i++)
    {
      show_page (f, form_pages[i]);
      pkio_form_show_all (pkio_form_get_for_page (page (f, form_pages[i])));
      pkio_test_ui_iterate_until_idle ();
      if (check_form (f, form_pages[i]) == 0)
        g_error ("page %s shows no message for its invalid fields", form_pages[i]);
    }

  /* Put right, every message goes, and with it the state. */
  fill_order (f->order);
  pkio_order_set_validity_kind (f->order, PKIO_VALIDITY_KIND_YEARS);
  pkio_order_set_validity_years (f->order, 1);
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_NUMBER, "4111 1111 1111 1111");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_EXPIRATION_MONTH, "12");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_EXPIRATION_YEAR, "2099");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARD_CVV, "123");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_CARDHOLDER_NAME, "J Jansen");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_BILLING_ADDRESS, "1 Main St");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_BILLING_CITY, "Albany");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_BILLING_STATE, "NY");
  pkio_order_set_text (f->order, PKIO_ORDER_TEXT_BILLING_ZIP, "12207");
  pkio_test_ui_iterate_until_idle ();
  for (guint i = 0; i < G_N_ELEMENTS (form_pages); i++)
    g_assert_cmpuint (check_form (f, form_pages[i]), ==, 0);
}

/* Where @widget is within the scrolled content of its page, which does
 * not move when the page scrolls to the focus. */
static graphene_rect_t
content_bounds (GtkWidget *widget)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  GtkWidget *content = viewport ? gtk_viewport_get_child (GTK_VIEWPORT (viewport))
                                : GTK_WIDGET (gtk_widget_get_ancestor (widget, PKIO_TYPE_PAGE));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  return bounds;
}

/* Reading order: below the last one, or on the same line to its right,
 * or inside it (a row, then the button in the row). */
static gboolean
follows (const graphene_rect_t *prev,
         const graphene_rect_t *next)
{
  const float slack = 1;
  gboolean same_line = next->origin.y < prev->origin.y + prev->size.height &&
                       prev->origin.y < next->origin.y + next->size.height;

  if (next->origin.y >= prev->origin.y + prev->size.height - slack)
    return TRUE;
  if (same_line && next->origin.x >= prev->origin.x - slack)
    return TRUE;
  return graphene_rect_contains_rect (prev, next) || graphene_rect_contains_rect (next, prev);
}

/* The control @focus belongs to: an entry row for its text. */
static GtkWidget *
owning_control (GtkWidget *focus)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);

  return row ? row : focus;
}

static void
check_focus_order (Fixture    *f,
                   const char *page_id)
{
  GtkWidget *p = GTK_WIDGET (page (f, page_id));
  g_autoptr(GPtrArray) visited = g_ptr_array_new ();
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  graphene_rect_t prev = GRAPHENE_RECT_INIT (0, -1, 0, 0);
  GtkWidget *prev_widget = NULL;

  show_page (f, page_id);
  /* Tab is only ever pressed in the active window; a row of an inactive one
   * does not know it has the focus and takes it again on Tab. Xvfb, with no
   * window manager, can still be delivering the focus-out of the previous
   * test's window: present again until this one is active. */
  pkio_test_ui_present (GTK_WINDOW (f->window));
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);

  /* From the top of the page, Tab as the window does, until the focus
   * leaves the page. */
  g_assert_true (gtk_widget_child_focus (p, GTK_DIR_TAB_FORWARD));
  for (guint step = 0; ; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
      graphene_rect_t bounds;

      if (focus == NULL || !gtk_widget_is_ancestor (focus, p))
        break;

      /* Where the focus went, for a failure's log: the row it is in. */
      {
        GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

        g_test_message ("%s step %u: %s in “%s”", page_id, step, G_OBJECT_TYPE_NAME (focus),
                        row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "");
      }

      if (step >= 200)
        g_error ("on page %s, Tab goes round without leaving the page (at a %s)", page_id,
                 G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (f->window))));

      /* A row with nothing to activate only shows a value (issue #20). */
      if (ADW_IS_ACTION_ROW (focus) &&
          adw_action_row_get_activatable_widget (ADW_ACTION_ROW (focus)) == NULL &&
          !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus)))
        g_error ("on page %s, the information row “%s” is a Tab stop", page_id,
                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)));

      bounds = content_bounds (focus);
      if (prev_widget != NULL && !follows (&prev, &bounds))
        g_error ("on page %s, Tab goes from a %s at (%g, %g) back up to a %s at (%g, %g)",
                 page_id, G_OBJECT_TYPE_NAME (prev_widget), prev.origin.x, prev.origin.y,
                 G_OBJECT_TYPE_NAME (focus), bounds.origin.x, bounds.origin.y);
      prev = bounds;
      prev_widget = focus;
      g_ptr_array_add (visited, owning_control (focus));

      gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
    }

  /* Every control can be reached, but the choices of a group that are not
   * chosen: GTK leaves those to the arrow keys. */
  collect_controls (p, p, controls);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (controls, i);
      gboolean reached = FALSE;

      if (!gtk_widget_is_sensitive (w) || !gtk_widget_get_focusable (w) ||
          (is_radio (w) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (w))))
        continue;

      for (guint j = 0; j < visited->len && !reached; j++)
        reached = g_ptr_array_index (visited, j) == w ||
                  gtk_widget_is_ancestor (g_ptr_array_index (visited, j), w);
      if (!reached)
        g_error ("on page %s, Tab never reaches a %s", page_id, G_OBJECT_TYPE_NAME (w));
    }

  g_assert_cmpuint (visited->len, >, 0);
}

static void
test_focus_order (Fixture       *f,
                  gconstpointer  data)
{
  fill_order (f->order);
  pkio_order_set_validity_kind (f->order, PKIO_VALIDITY_KIND_CUSTOM_DATE);
  pkio_test_ui_iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (page_ids); i++)
    {
      if (g_str_equal (page_ids[i], "result"))
        show_result (f);
      check_focus_order (f, page_ids[i]);
    }
}

static gboolean
described_as (GtkWidget  *widget,
              const char *text)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION) &&
         pkio_test_ui_check_ok (gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                    text));
}

/* A toast reaches a screen reader on every GTK: from 4.14 libadwaita
 * announces it; before, the focused control describes it until the focus
 * moves on, and then has its own description back. */
static void
test_toast_described (Fixture       *f,
                      gconstpointer  data)
{
  const char *text = "The unfinished order was kept as a draft";
  GtkWidget *before;
  GtkWidget *after;
  gboolean floor = gtk_get_minor_version () < 14;

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  before = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (before);
  pkio_form_set_description (before, "Its own words");

  pkio_window_add_toast (f->window, adw_toast_new (text));
  g_assert_true (described_as (before, text) == floor);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  after = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (after != before);
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (described_as (before, "Its own words"));
  g_assert_false (described_as (after, text));
}

static gboolean
toast_shown (gpointer data)
{
  return pkio_test_ui_shows_label ((gpointer) "Bad <request> & more");
}

/* A server's message in a toast is shown as it is, not read as markup
 * (which showed nothing and warned), and said as it is. */
static void
test_toast_plain_text (Fixture       *f,
                       gconstpointer  data)
{
  const char *text = "Bad <request> & more";
  AdwToast *toast;
  GtkWidget *focus;

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));

  toast = pkio_toast_new (text);
  /* Before any other: the window may open on "An unfinished order was
   * saved" (a draft of the tests before), which stays until dismissed. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pkio_window_add_toast (f->window, toast);
  g_assert_true (pkio_test_ui_wait_until (toast_shown, f, PKIO_TEST_HANG_SECONDS));
  if (gtk_get_minor_version () < 14)
    g_assert_true (described_as (focus, text));
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add ("/pkio/accessibility/names-and-roles", Fixture, NULL,
              fixture_setup, test_names_and_roles, fixture_teardown);
  g_test_add ("/pkio/accessibility/invalid-described-by", Fixture, NULL,
              fixture_setup, test_invalid_described_by, fixture_teardown);
  g_test_add ("/pkio/accessibility/focus-order", Fixture, NULL,
              fixture_setup, test_focus_order, fixture_teardown);
  g_test_add ("/pkio/accessibility/toast-described", Fixture, NULL,
              fixture_setup, test_toast_described, fixture_teardown);
  g_test_add ("/pkio/accessibility/toast-plain-text", Fixture, NULL,
              fixture_setup, test_toast_plain_text, fixture_teardown);

  return g_test_run ();
}
