/* pkio-form.c
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

#include "pkio-country.h"
#include "pkio-country-drop-down.h"
#include "pkio-form.h"
#include "pkio-order-problem.h"

/* The inline validation of one wizard step, kept in one place so that every
 * page behaves the same (style guide §5). The rules are the core's: the form
 * asks pkio_order_get_problems() and shows each problem under the row whose
 * JSON path it names. It follows the properties of its own fields, and the
 * order's "problems-changed" for its step: a change elsewhere in the order
 * costs it nothing. A message appears once the user has left the field,
 * paused typing for a moment or pressed Enter on the last field, never while
 * the first letters go in; a message that no longer applies goes at once. */

typedef struct
{
  PkioForm      *form;
  char          *path;
  int            text;          /* a PkioOrderText, or -1 for other controls */
  GtkWidget     *row;
  GtkWidget     *hint_row;
  GtkLabel      *hint;
  GtkDropDown   *dropdown;      /* for country rows */
  GtkWidget     *focus_row;     /* (nullable) for choices: the row focus goes to */
  AdwPreferencesGroup *group;
  int            country_text;  /* for states: the country's PkioOrderText, or -1 */
  char          *server_error;
  char          *shown;         /* the message on screen, or NULL */
  guint          touched : 1;
  guint          dirty : 1;     /* typed in since the last pause */
  guint          as_code : 1;   /* states: sent as "nh" rather than "Noord-Holland" */
  guint          hidden : 1;    /* states: the page does not ask for it */
} Field;

struct _PkioForm
{
  GObject        parent_instance;

  PkioPage      *page;          /* (unowned) the page owns the form */
  PkioOrder     *order;
  PkioOrderStep  step;
  GPtrArray     *fields;        /* (element-type Field) in tab order */

  guint          settle_source;
  guint          syncing : 1;
  guint          show_all : 1;
  guint          quiet : 1;     /* reset, and nothing typed or chosen since */
};

G_DEFINE_FINAL_TYPE (PkioForm, pkio_form, G_TYPE_OBJECT)

static const char *field_quark_name = "pkio-form-field";
static const char *form_key = "pkio-form";

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->path);
  g_free (field->server_error);
  g_free (field->shown);
  g_free (field);
}

static Field *
find_field (PkioForm   *self,
            const char *path)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->path, path) == 0)
        return field;
    }

  return NULL;
}

static const char *
problem_message (GPtrArray  *problems,
                 const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PkioOrderProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->path, path) == 0)
        return problem->error->message;
    }

  return NULL;
}

/* The control that takes the focus in a row of pkio_form_add_row() or
 * pkio_form_add_country(): the one a screen reader is on. */
static GtkWidget *
field_control (Field *field)
{
  if (field->dropdown != NULL)
    return GTK_WIDGET (field->dropdown);
  if (ADW_IS_ACTION_ROW (field->row))
    return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (field->row));
  return NULL;
}

static void
mark_invalid (GtkWidget *widget,
              GtkLabel  *hint,
              GtkWidget *subtitle)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               hint ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);

  /* The list ends at the first NULL: no subtitle, no second item. */
  if (hint != NULL && subtitle != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, hint, subtitle, NULL,
                                    -1);
  else if (hint != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, hint, NULL,
                                    -1);
  else if (subtitle != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle, NULL,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

#if GTK_CHECK_VERSION (4, 14, 0)
typedef struct
{
  GtkWidget *row;
  GtkWidget *text;
  char      *message;
} Announcement;

static void
announcement_free (Announcement *said)
{
  g_clear_object (&said->row);
  g_clear_object (&said->text);
  g_free (said->message);
  g_free (said);
}

/* Once the key that brought the message has done its work: a text that
 * still has the focus says its new description itself (Orca 48 said a
 * postal code's message twice), one the focus left says nothing more. */
static gboolean
announce_cb (gpointer data)
{
  Announcement *said = data;
  GtkATContext *context;

  if (said->text != NULL &&
      (gtk_widget_has_focus (said->text) ||
       g_strcmp0 (g_object_get_data (G_OBJECT (said->text), "pkio-description"), said->message) != 0))
    return G_SOURCE_REMOVE;

  /* Only on a row on screen: a row being destroyed (New Order) has no
   * AT context, and GTK 4.18 announces through it unchecked (test-keys
   * crashed). */
  if (!gtk_widget_get_mapped (said->row))
    return G_SOURCE_REMOVE;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_accessible_get_at_context (GTK_ACCESSIBLE (said->row));
  if (context != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (said->row), said->message,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  g_clear_object (&context);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return G_SOURCE_REMOVE;
}
#endif

/* What Orca 43 speaks of a message (issue #20). The text that has the
 * focus in an entry row carries the message, which names its field, as
 * its description, "Email: enter an address such as name@example.com"
 * (not prefixed with the row's title: Orca said "Postal Code: Postal
 * code: enter it as 1234 AB"): Orca reads it with the
 * field, and when it changes while the field has the focus. GTK 4.14
 * also announces a message as it appears, unless the focus stays on its
 * text (see announce_cb()). */
static void
speak_message (Field      *field,
               const char *message)
{
  GtkEditable *text = GTK_IS_EDITABLE (field->row) ? gtk_editable_get_delegate (GTK_EDITABLE (field->row))
                                                 : NULL;

  if (text != NULL)
    pkio_form_set_description (GTK_WIDGET (text), message);

#if GTK_CHECK_VERSION (4, 14, 0)
  /* The version macros pin GTK 4.8; this runs only on 4.14 and later. */
  if (message != NULL && gtk_check_version (4, 14, 0) == NULL && gtk_widget_get_mapped (field->row))
    {
      Announcement *said = g_new0 (Announcement, 1);

      said->row = g_object_ref (field->row);
      said->text = text != NULL ? g_object_ref (GTK_WIDGET (text)) : NULL;
      said->message = g_strdup (message);
      g_idle_add_full (G_PRIORITY_LOW, announce_cb, said, (GDestroyNotify) announcement_free);
    }
#endif
}

static void
field_show (Field      *field,
            const char *message)
{
  GtkWidget *control = field_control (field);
  GtkWidget *subtitle;

  if (g_strcmp0 (field->shown, message) == 0)
    return;

  g_free (field->shown);
  field->shown = g_strdup (message);

  gtk_label_set_label (field->hint, message ? message : "");
  gtk_widget_set_visible (field->hint_row, message != NULL);

  if (message != NULL)
    {
      gtk_widget_add_css_class (field->row, "error");
      gtk_widget_add_css_class (field->row, "pkio-has-hint");
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      gtk_widget_remove_css_class (field->row, "pkio-has-hint");
    }

  /* The row, and the control in it that has the focus, say they are
   * invalid and point at the message, so that a screen reader reads the
   * reason with the field (gtk_accessible_announce is 4.14). */
  subtitle = ADW_IS_ACTION_ROW (field->row) ? pkio_form_find_subtitle (field->row) : NULL;
  mark_invalid (field->row, message ? field->hint : NULL, subtitle);
  if (control != NULL)
    mark_invalid (control, message ? field->hint : NULL, subtitle);

  speak_message (field, message);
}

/* A state is typed, and checked against iso-codes' list for the country
 * where it has one (see pkio_validate_subdivision()): a screen reader
 * and a keyboard handle a text field alike on every GTK, and typing is
 * the search. The order holds the value sent ("nh"); the field shows
 * the name in the user's language ("Noord-Holland"), or what was typed
 * while it names nothing on the list. */
static const char *
state_display (PkioForm   *self,
               Field      *field,
               const char *value)
{
  const char *country = pkio_order_get_text (self->order, field->country_text);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (field->row));
  const PkioSubdivision *subdivision = pkio_country_find_subdivision (country, value);

  if (subdivision == NULL)
    return value;

  /* While the user is typing, "utrecht" stays as typed: the field is
   * rewritten to the list's spelling once the user leaves it. */
  if (field->dirty && pkio_country_find_subdivision (country, typed) == subdivision)
    return typed;

  return pkio_subdivision_get_name (subdivision);
}

static void
sync_controls (PkioForm *self)
{
  self->syncing = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *value;

      if (field->text < 0)
        continue;

      value = pkio_order_get_text (self->order, field->text);

      if (field->country_text >= 0)
        {
          gtk_widget_set_visible (field->row, !field->hidden);
          value = state_display (self, field, value);
        }

      if (field->dropdown != NULL)
        {
          pkio_country_drop_down_set_code (field->dropdown, value);
        }
      else if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->row)),
                          value ? value : "") != 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (field->row), value ? value : "");
        }
    }

  self->syncing = FALSE;
}

/**
 * pkio_form_validate:
 *
 * Checks the step against the order as it is now: sets the page's
 * completeness, which drives Next, and refreshes the messages under the
 * rows the user has touched.
 */
void
pkio_form_validate (PkioForm *self)
{
  GPtrArray *problems;

  g_return_if_fail (PKIO_IS_FORM (self));

  problems = pkio_order_get_problems (self->order, self->step);
  pkio_page_set_complete (self->page, problems->len == 0);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *message = NULL;

      if (field->server_error != NULL)
        message = field->server_error;
      else if (field->touched || self->show_all)
        message = problem_message (problems, field->path);

      /* While the user types, a message may go but not come or change: it
       * waits for the pause, so that "jan@" is not called wrong on its way
       * to valid, and a screen reader does not say "Email: required" as
       * the user retypes a wrong address (select all, type). */
      if (field->dirty && message != NULL)
        message = field->shown;

      field_show (field, message);
    }
}

static void
settle_cb (gpointer data)
{
  PkioForm *self = data;

  self->settle_source = 0;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->dirty)
        {
          field->dirty = FALSE;
          field->touched = TRUE;
        }
    }

  pkio_form_validate (self);
}

static void
field_settle_now (Field *field)
{
  field->dirty = FALSE;
  field->touched = TRUE;
  pkio_form_validate (field->form);
}

/* One of the form's own fields changed in the order. */
static void
field_changed_cb (PkioForm *self)
{
  sync_controls (self);
  pkio_form_validate (self);
}

static void
problems_changed_cb (PkioForm      *self,
                     PkioOrderStep  step)
{
  if (step == self->step)
    pkio_form_validate (self);
}

static void
entry_changed_cb (GtkEditable *editable,
                  PkioForm    *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), field_quark_name);
  const char *text;

  if (self->syncing)
    return;

  g_assert (field != NULL);

  self->quiet = FALSE;
  field->dirty = TRUE;
  g_clear_pointer (&field->server_error, g_free);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add_once (PKIO_FORM_SETTLE_MS, settle_cb, self);

  /* The model is the truth; it notifies, and the form validates. */
  text = gtk_editable_get_text (editable);
  if (field->country_text >= 0)
    {
      const PkioSubdivision *subdivision =
        pkio_country_find_subdivision (pkio_order_get_text (self->order, field->country_text), text);

      /* A whole name is stored as the value it is sent as at once. */
      if (subdivision != NULL)
        {
          g_autofree char *value = pkio_subdivision_dup_value (subdivision, field->as_code);

          pkio_order_set_text (self->order, field->text, value);
          return;
        }
    }
  pkio_order_set_text (self->order, field->text, text);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                PkioForm                *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Field *field = g_object_get_data (G_OBJECT (row), field_quark_name);

  g_assert (field != NULL);

  /* Show what was typed in the form it is sent in: "+31612345678" for
   * "06 12 34 56 78" with country NL, "1234 AB" for "1234ab". */
  pkio_order_normalize (self->order);

  /* After New Order the focus leaves the emptied fields as pages come and
   * go: until the user types or chooses something in the form, or presses
   * Next, passing through a field is no reason to call it "required". */
  if ((self->quiet || !gtk_widget_get_mapped (row)) && !field->dirty)
    return;
  field_settle_now (field);
  /* "utrecht" is shown as the list writes it, now that it is done. */
  sync_controls (self);
}

/* Focus goes to the field's control: a country's drop-down, the first row
 * of a choice (its message sits under the last one), else the row itself,
 * or failing that the first thing in it that takes focus. */
static void
focus_field (Field *field)
{
  GtkWidget *target = field->row;

  if (field->dropdown != NULL)
    target = GTK_WIDGET (field->dropdown);
  else if (field->focus_row != NULL)
    target = field->focus_row;

  if (!gtk_widget_grab_focus (target))
    gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD);
}

/* Whether Enter should stop at @field: a field the step still needs
 * (empty and required, or wrong). Filled and optional fields are passed
 * by; Tab still reaches them. */
static gboolean
field_needs_input (Field     *field,
                   GPtrArray *problems)
{
  if (!gtk_widget_is_visible (field->row) || !gtk_widget_is_sensitive (field->row))
    return FALSE;

  return field->server_error != NULL || problem_message (problems, field->path) != NULL;
}

/**
 * pkio_form_advance:
 * @from: (nullable): the row the user pressed Enter in, or %NULL for the
 *   top of the page
 *
 * What Enter does on a page: on to the next field the step still needs;
 * past the last one, to Next when the page is complete, or else back to
 * the first field that is wrong, with every message shown.
 */
void
pkio_form_advance (PkioForm  *self,
                   GtkWidget *from)
{
  GPtrArray *problems;
  gboolean found = from == NULL;

  g_return_if_fail (PKIO_IS_FORM (self));

  pkio_order_normalize (self->order);
  problems = pkio_order_get_problems (self->order, self->step);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *other = g_ptr_array_index (self->fields, i);

      if (!found)
        {
          found = other->row == from || (from != NULL && gtk_widget_is_ancestor (from, other->row));
          continue;
        }

      if (field_needs_input (other, problems))
        {
          focus_field (other);
          return;
        }
    }

  if (!pkio_page_get_complete (self->page))
    {
      pkio_form_show_all (self);
      pkio_form_focus_first (self);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->page), "assistant.next", NULL);
}

static void
entry_activated_cb (AdwEntryRow *row,
                    PkioForm    *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), field_quark_name);

  g_assert (field != NULL);

  pkio_order_normalize (self->order);
  field_settle_now (field);
  sync_controls (self);

  /* Enter moves on to the next field still needed; past the last, Next. */
  pkio_form_advance (self, GTK_WIDGET (row));
}

static void
dropdown_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      PkioForm    *self)
{
  Field *field = g_object_get_data (G_OBJECT (dropdown), field_quark_name);
  if (self->syncing)
    return;

  g_assert (field != NULL);

  g_clear_pointer (&field->server_error, g_free);
  field->touched = TRUE;
  self->quiet = FALSE;

  pkio_order_set_text (self->order, field->text, pkio_country_drop_down_get_code (dropdown));
  /* A postal code valid in one country may be wrong in another. */
  pkio_form_validate (self);
}

/* A country chosen with Enter, as a typed field ended by Enter: on to
 * what the step still needs. A choice by pointer stays where it is. */
static void
country_chosen_cb (GtkDropDown *dropdown,
                   gpointer     data)
{
  Field *field = g_object_get_data (G_OBJECT (dropdown), field_quark_name);

  if (field != NULL)
    pkio_form_advance (field->form, field->row);
}

static Field *
add_field (PkioForm            *self,
           AdwPreferencesGroup *group,
           GtkWidget           *row,
           const char          *path,
           int                  text)
{
  Field *field = g_new0 (Field, 1);
  GtkWidget *label;

  field->form = self;
  field->path = g_strdup (path);
  field->text = text;
  field->row = row;

  /* The message lives in a row of its own under the field, inside the same
   * boxed list; it is hidden while there is nothing to say. */
  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "selectable", FALSE,
                        NULL);
  gtk_widget_add_css_class (label, "pkio-hint");
  field->hint = GTK_LABEL (label);
  field->hint_row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                  "activatable", FALSE,
                                  "selectable", FALSE,
                                  "focusable", FALSE,
                                  "visible", FALSE,
                                  "child", label,
                                  NULL);
  /* GtkListBox moves Tab and Shift+Tab to the next sensitive row; a
   * message row it cannot focus would send the focus out of the group
   * (to the header bar, or a group's header button) instead of to the
   * next field. Insensitive, the list passes it by; CSS keeps its colour. */
  gtk_widget_set_sensitive (field->hint_row, FALSE);
  gtk_widget_add_css_class (field->hint_row, "pkio-hint-row");

  /* A row from a template is in its group already; its message goes last. */
  if (gtk_widget_get_parent (row) == NULL)
    adw_preferences_group_add (group, row);
  field->country_text = -1;
  field->group = group;
  adw_preferences_group_add (group, field->hint_row);

  g_object_set_data (G_OBJECT (row), field_quark_name, field);
  g_ptr_array_add (self->fields, field);

  if (text >= 0)
    {
      g_autofree char *signal = g_strconcat ("notify::", pkio_order_text_get_property_name (text),
                                             NULL);

      g_signal_connect_object (self->order, signal, G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return field;
}

static void
pkio_form_dispose (GObject *object)
{
  PkioForm *self = (PkioForm *)object;

  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->page != NULL)
    g_object_set_data (G_OBJECT (self->page), form_key, NULL);
  self->page = NULL;

  G_OBJECT_CLASS (pkio_form_parent_class)->dispose (object);
}

static void
pkio_form_finalize (GObject *object)
{
  PkioForm *self = (PkioForm *)object;

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (pkio_form_parent_class)->finalize (object);
}

static void
pkio_form_class_init (PkioFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pkio_form_dispose;
  object_class->finalize = pkio_form_finalize;
}

static void
pkio_form_init (PkioForm *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
}

/**
 * pkio_form_new:
 * @page: the page that owns the form; it must have an order
 *
 * Returns: (transfer full): a form with no fields yet
 */
PkioForm *
pkio_form_new (PkioPage      *page,
               PkioOrderStep  step)
{
  PkioForm *self;

  g_return_val_if_fail (PKIO_IS_PAGE (page), NULL);
  g_return_val_if_fail (PKIO_IS_ORDER (pkio_page_get_order (page)), NULL);

  self = g_object_new (PKIO_TYPE_FORM, NULL);
  self->page = page;
  self->step = step;
  self->order = g_object_ref (pkio_page_get_order (page));

  g_signal_connect_object (self->order, "problems-changed", G_CALLBACK (problems_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* So that the window can take a server's field error to the page that
   * asks for the field without knowing each page's type. */
  g_object_set_data (G_OBJECT (page), form_key, self);

  return self;
}

/**
 * pkio_form_get_for_page:
 *
 * Returns: (transfer none) (nullable): the form of a step page
 */
PkioForm *
pkio_form_get_for_page (PkioPage *page)
{
  g_return_val_if_fail (PKIO_IS_PAGE (page), NULL);

  return g_object_get_data (G_OBJECT (page), form_key);
}

static void
watch_focus (PkioForm  *self,
             GtkWidget *row)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self, 0);
  gtk_widget_add_controller (row, controller);
}

static void
peek_tooltip_cb (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

static GtkWidget *
find_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Past the hidden Apply button, to the peek button. */
      GtkWidget *found = GTK_IS_BUTTON (child) && gtk_widget_get_visible (child)
                           ? child : find_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* libadwaita 1.2 leaves a password row's show/hide button without a name
 * (a screen reader says "GtkImage"); its tooltip ("Show Text", "Hide
 * Text") says what it does, and follows the state. */
static void
name_peek_button (GtkWidget *row)
{
  GtkWidget *button = find_button (row);

  if (button == NULL)
    return;

  g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (peek_tooltip_cb), NULL);
  peek_tooltip_cb (button);
}

/**
 * pkio_form_add_entry:
 *
 * Adds an entry row for @field of the order, with its message row, to
 * @group. The row's title is its accessible name.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
pkio_form_add_entry (PkioForm            *self,
                     AdwPreferencesGroup *group,
                     PkioOrderText        field,
                     const char          *title,
                     PkioFormFieldFlags   flags)
{
  GtkWidget *row;
  GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);
  g_return_val_if_fail (field < PKIO_ORDER_N_TEXT, NULL);

  if (flags & PKIO_FORM_FIELD_DIGITS)
    purpose = GTK_INPUT_PURPOSE_DIGITS;
  else if (flags & PKIO_FORM_FIELD_EMAIL)
    purpose = GTK_INPUT_PURPOSE_EMAIL;
  else if (flags & PKIO_FORM_FIELD_PHONE)
    purpose = GTK_INPUT_PURPOSE_PHONE;
  else if (flags & PKIO_FORM_FIELD_NAME)
    purpose = GTK_INPUT_PURPOSE_NAME;

  row = g_object_new ((flags & PKIO_FORM_FIELD_SECRET) ? ADW_TYPE_PASSWORD_ENTRY_ROW
                                                         : ADW_TYPE_ENTRY_ROW,
                      "title", title,
                      "input-purpose", purpose,
                      NULL);
  add_field (self, group, row, pkio_order_text_get_path (field), field);

  pkio_form_name_entry_row (row, title);

  if (flags & PKIO_FORM_FIELD_SECRET)
    name_peek_button (row);

  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self, 0);
  watch_focus (self, row);

  sync_controls (self);

  return row;
}

/* The text a drop-down shows for @item: by its expression,
 * else a string list's string. */
static char *
dup_choice_text (GtkExpression *expression,
                 gpointer       item)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (item != NULL && expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));

  return NULL;
}

/* A drop-down passes the focus to a toggle button inside. GTK 4.8 names
 * it after its type: Orca said "Country combo box GtkToggleButton push
 * button", and never the country; the button is named by the choice
 * ("Country combo box, Netherlands push button"). GTK 4.18 gives it the
 * drop-down's name, and Orca 48, taking a toggle in a combo box for the
 * combo box, said "Country combo box Country", never the value (it reads
 * a combo box's value from a selection GTK does not offer, else from its
 * name). There the drop-down is named by both ("combo box, Country,
 * Netherlands") and its button is a plain button, read as itself. See
 * pkio_form_quiet_choice_rows() for the row. */
static void
name_drop_down_button (GtkDropDown *dropdown)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  g_autofree char *text = dup_choice_text (gtk_drop_down_get_expression (dropdown),
                                           gtk_drop_down_get_selected_item (dropdown));

  if (!GTK_IS_TOGGLE_BUTTON (button))
    return;

  /* GTK 4.10 and later give a drop-down's button the drop-down's name. */
  if (gtk_get_minor_version () >= 10)
    {
      const char *title = g_object_get_data (G_OBJECT (dropdown), "pkio-title");
      g_autofree char *name = NULL;

      if (title == NULL)
        title = "";
      if (text != NULL && *text != '\0')
        /* Translators: a field’s name and its value, as a screen reader says
         * them: "Country, Netherlands" */
        name = g_strdup_printf (_("%s, %s"), title, text);
      else
        name = g_strdup (title);

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      return;
    }

  /* Named by nothing else, so that the label is its name on every GTK. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "",
                                  -1);
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_LIST_VIEW (child) ? child : find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * pkio_form_name_drop_down:
 * @dropdown: a drop-down in an action row titled @title, not yet realized
 *
 * Makes a screen reader say the drop-down's choice with its name, as
 * name_drop_down_button() describes, now and whenever it changes.
 */
void
pkio_form_name_drop_down (GtkDropDown *dropdown,
                          const char  *title)
{
  GtkWidget *list;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  /* GTK 4.8 leaves the open list unnamed, and Orca 43 said "GtkListView.
   * List with 4 items": it is named by the title. */
  list = find_list_view (GTK_WIDGET (dropdown));
  if (list != NULL && title != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);

  /* Called again when the title changes (PkioChoiceRow). */
  if (g_object_get_data (G_OBJECT (dropdown), "pkio-named") == NULL)
    {
      /* GTK 4.10 and later call it a toggle button, "not pressed"; it opens
       * the list, which the combo box around it says (collapsed, expanded). */
      g_object_set (gtk_widget_get_first_child (GTK_WIDGET (dropdown)),
                    "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON,
                    NULL);
      g_object_set_data (G_OBJECT (dropdown), "pkio-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (name_drop_down_button), NULL);
    }
  g_object_set_data_full (G_OBJECT (dropdown), "pkio-title", g_strdup (title), g_free);
  name_drop_down_button (dropdown);
}

/**
 * pkio_form_add_country:
 *
 * Adds a row with a searchable country picker: the names are in the
 * user's language and typing one filters the list.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
pkio_form_add_country (PkioForm            *self,
                       AdwPreferencesGroup *group,
                       PkioOrderText        field,
                       const char          *title)
{
  GtkWidget *dropdown;
  GtkWidget *row;
  Field *f;

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  dropdown = pkio_country_drop_down_new (title, FALSE);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", title,
                      "activatable-widget", dropdown,
                      NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  /* The row now names the picker by its title; its own label would be
   * read as well ("Country Country"). */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL);


  f = add_field (self, group, row, pkio_order_text_get_path (field), field);
  f->dropdown = GTK_DROP_DOWN (dropdown);
  g_object_set_data (G_OBJECT (dropdown), field_quark_name, f);

  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (dropdown_selected_cb),
                           self, 0);
  pkio_drop_down_set_chosen_func (GTK_DROP_DOWN (dropdown), country_chosen_cb, NULL);
  pkio_form_name_drop_down (GTK_DROP_DOWN (dropdown), title);

  sync_controls (self);
  name_drop_down_button (GTK_DROP_DOWN (dropdown));

  return row;
}

/**
 * pkio_form_add_state:
 * @country: the order's country for this address
 * @as_code: whether CertCentral expects the subdivision's code after the
 *   dash ("la", as ship_info documents) rather than its English name
 *   ("Louisiana", as the individual documents)
 *
 * Adds a state, province or region: an entry row whose text must name one
 * of the country's ISO 3166-2 subdivisions where iso-codes has them (in
 * the user's language or in English, or by code), and is free elsewhere.
 * Enter or leaving the field completes a name only one of them starts
 * with; the message lists the names that start with what was typed. Show
 * or hide it with pkio_form_set_asked().
 *
 * Returns: (transfer none): the entry row
 */
GtkWidget *
pkio_form_add_state (PkioForm            *self,
                     AdwPreferencesGroup *group,
                     PkioOrderText        field,
                     PkioOrderText        country,
                     const char          *title,
                     gboolean             as_code)
{
  GtkWidget *row;
  Field *f;

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);

  row = pkio_form_add_entry (self, group, field, title, PKIO_FORM_FIELD_NONE);
  f = g_object_get_data (G_OBJECT (row), field_quark_name);
  f->country_text = country;
  f->as_code = !!as_code;

  sync_controls (self);

  return row;
}

/**
 * pkio_form_set_asked:
 * @path: a field added with pkio_form_add_state()
 * @asked: whether the page asks for it (a country with states)
 */
void
pkio_form_set_asked (PkioForm   *self,
                     const char *path,
                     gboolean    asked)
{
  Field *field;

  g_return_if_fail (PKIO_IS_FORM (self));

  field = find_field (self, path);
  g_return_if_fail (field != NULL && field->country_text >= 0);

  field->hidden = !asked;
  gtk_widget_set_visible (field->row, asked);
}

/**
 * pkio_form_add_row:
 * @row: a row with its own control (switch, choice, calendar), which the
 *   page keeps in step with the order itself
 * @path: the JSON path whose problems are shown under @row
 */
void
pkio_form_add_row (PkioForm            *self,
                   AdwPreferencesGroup *group,
                   GtkWidget           *row,
                   const char          *path)
{
  g_return_if_fail (PKIO_IS_FORM (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (GTK_IS_WIDGET (row));

  add_field (self, group, row, path, -1);
}

/**
 * pkio_form_add_choice:
 * @first: the choice's first row, where the focus goes
 * @last: its last row, under which its message goes
 *
 * Adds a choice of rows (one of which is picked) as the field @path.
 */
void
pkio_form_add_choice (PkioForm            *self,
                      AdwPreferencesGroup *group,
                      GtkWidget           *first,
                      GtkWidget           *last,
                      const char          *path)
{
  Field *field;

  g_return_if_fail (PKIO_IS_FORM (self));
  g_return_if_fail (GTK_IS_WIDGET (first) && GTK_IS_WIDGET (last));

  field = add_field (self, group, last, path, -1);
  field->focus_row = first;
  /* Enter in either row is Enter in the field. */
  g_object_set_data (G_OBJECT (first), field_quark_name, field);
}

/**
 * pkio_form_get_row:
 *
 * Returns: (transfer none) (nullable): the row for @path
 */
GtkWidget *
pkio_form_get_row (PkioForm   *self,
                   const char *path)
{
  Field *field;

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);

  field = find_field (self, path);
  return field ? field->row : NULL;
}

/**
 * pkio_form_get_hint:
 *
 * Returns: (transfer none) (nullable): the label under the row for @path
 */
GtkWidget *
pkio_form_get_hint (PkioForm   *self,
                    const char *path)
{
  Field *field;

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);

  field = find_field (self, path);
  return field ? GTK_WIDGET (field->hint) : NULL;
}

/**
 * pkio_form_touch:
 *
 * For controls added with pkio_form_add_row(): the user chose something,
 * so its problems may be shown now.
 */
void
pkio_form_touch (PkioForm   *self,
                 const char *path)
{
  Field *field;

  g_return_if_fail (PKIO_IS_FORM (self));

  field = find_field (self, path);
  self->quiet = FALSE;
  if (field != NULL)
    {
      g_clear_pointer (&field->server_error, g_free);
      field_settle_now (field);
    }
}

/**
 * pkio_form_show_all:
 *
 * Shows every problem of the step, as when the user tries to move on.
 */
void
pkio_form_show_all (PkioForm *self)
{
  g_return_if_fail (PKIO_IS_FORM (self));

  self->show_all = TRUE;
  self->quiet = FALSE;
  for (guint i = 0; i < self->fields->len; i++)
    ((Field *)g_ptr_array_index (self->fields, i))->dirty = FALSE;
  pkio_form_validate (self);
}

/**
 * pkio_form_show_server_error:
 * @path: the field CertCentral named, as "ship_info.zip"
 * @message: what CertCentral said
 *
 * Marks the row for @path with @message until the user changes it.
 *
 * Returns: whether the form has a row for @path
 */
gboolean
pkio_form_show_server_error (PkioForm   *self,
                             const char *path,
                             const char *message)
{
  Field *field;

  g_return_val_if_fail (PKIO_IS_FORM (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  field = find_field (self, path);
  if (field == NULL)
    return FALSE;

  g_free (field->server_error);
  field->server_error = g_strdup (message);
  field->dirty = FALSE;
  pkio_form_validate (self);

  return TRUE;
}

/**
 * pkio_form_focus_first:
 *
 * Puts the keyboard focus in the first field with a message, or else in
 * the first field.
 */
void
pkio_form_focus_first (PkioForm *self)
{
  Field *first = NULL;

  g_return_if_fail (PKIO_IS_FORM (self));

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (!gtk_widget_is_visible (field->row))
        continue;
      if (field->shown != NULL)
        {
          first = field;
          break;
        }
      if (first == NULL)
        first = field;
    }

  if (first != NULL)
    focus_field (first);
}

/**
 * pkio_form_reset:
 *
 * Forgets which fields were touched and what the server said, for a new
 * applicant: an empty form shows no messages.
 */
void
pkio_form_reset (PkioForm *self)
{
  g_return_if_fail (PKIO_IS_FORM (self));

  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->show_all = FALSE;
  self->quiet = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      field->touched = FALSE;
      field->dirty = FALSE;
      g_clear_pointer (&field->server_error, g_free);
    }

  sync_controls (self);
  pkio_form_validate (self);
}

/**
 * pkio_form_dup_paths:
 *
 * Returns: (transfer full): the JSON paths of the form's fields, in tab
 *   order
 */
GStrv
pkio_form_dup_paths (PkioForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PKIO_IS_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    g_strv_builder_add (builder, ((Field *) g_ptr_array_index (self->fields, i))->path);

  return g_strv_builder_end (builder);
}

/**
 * pkio_form_name_entry_row:
 * @row: an #AdwEntryRow, not yet realized
 * @title: its title, which names the text in it for a screen reader
 *
 * libadwaita names the row by its title label (labelled-by); a label of our
 * own on the row would make GTK 4.8 read the title twice. The text inside,
 * which libadwaita leaves unnamed, gets the title.
 *
 * On GTK 4.8 the text inside has no role of its own, and its focus is
 * passed up to a parent that never has the focus itself, so Orca hears
 * nothing when the row is entered (issue #20). Given the text box role
 * before it is realized, the text itself says that it has the focus, with
 * its name and its value, and the row steps aside. Later GTK passes the
 * focus to the row.
 */
void
pkio_form_name_entry_row (GtkWidget  *row,
                          const char *title)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  if (text == NULL)
    return;

  if (gtk_get_minor_version () < 10 &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) == GTK_ACCESSIBLE_ROLE_NONE)
    {
      g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
      /* The row, a text box named by its title too, would then be read
       * before it as the text's container: "First Name text. First Name
       * text." Orca passes over a generic container; a presentation row
       * would take the text out of the tree with it on GTK 4.8. */
      g_object_set (row, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
disclosure_sync (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, gtk_toggle_button_get_active (button),
                               -1);
}

/**
 * pkio_form_name_disclosure:
 * @button: a #GtkToggleButton that shows something while it is down (a
 *   menu, a panel), not yet realized
 *
 * Orca 48 said "Signing Tokens toggle button not pressed" and "Main Menu
 * toggle button not pressed", Orca 43 only "push button": what the state
 * means was never said. As a button that is expanded or collapsed, Orca
 * says "Signing Tokens collapsed push button" (43) or "Signing Tokens
 * collapsed button" (48), and "expanded" when it opens.
 */
void
pkio_form_name_disclosure (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_TOGGLE_BUTTON (button));

  g_object_set (button, "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON, NULL);
  g_signal_connect (button, "toggled", G_CALLBACK (disclosure_sync), NULL);
  disclosure_sync (GTK_TOGGLE_BUTTON (button));
}

/**
 * pkio_form_quiet_icons:
 * @widget: a widget whose icon-only buttons are to be named by their label
 *
 * An icon-only button (#GtkButton:icon-name) holds an image that GTK 4.8
 * names after its type: Orca read "GtkImage Back push button". The image
 * is swapped for one a screen reader skips (presentation), in the same
 * style; the button is named by its tooltip, as its label in the .ui is,
 * and on GTK 4.8 has no description. Menu buttons say whether their menu is open. Call it before @widget is
 * shown.
 */
void
pkio_form_quiet_icons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pkio_form_quiet_icons (child);

  /* A menu button's focus is on the toggle button inside. */
  if (GTK_IS_MENU_BUTTON (widget) && GTK_IS_TOGGLE_BUTTON (gtk_widget_get_first_child (widget)))
    pkio_form_name_disclosure (gtk_widget_get_first_child (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL &&
      GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                       "icon-name", gtk_button_get_icon_name (GTK_BUTTON (widget)),
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       NULL);

      /* gtk_button_set_child() drops the image-button style with the icon. */
      gtk_button_set_child (GTK_BUTTON (widget), image);
      gtk_widget_add_css_class (widget, "image-button");

      if (tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                        -1);
      /* GTK 4.8 also makes the tooltip the description, reported as changed
       * when the button first has the focus: Orca 43 then said the name a
       * second time, late, over the next control's (a view of the orders
       * window went unnamed). The name says it all already. */
      if (tooltip != NULL && gtk_get_minor_version () < 10)
        pkio_form_set_description (widget, NULL);
    }
}

/* The label of an action row's title, as shown. */
static GtkWidget *
find_title (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "title"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A choice row's state, kept on the row that speaks for its check button
 * or switch (both have "active"). */
static void
choice_row_sync (GtkWidget  *control,
                 GParamSpec *pspec,
                 GtkWidget  *row)
{
  gboolean active = FALSE;

  g_object_get (control, "active", &active, NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* The title of the view stack page @widget is in, if any. */
static const char *
view_page_title (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (parent != NULL && ADW_IS_VIEW_STACK (parent))
        {
          AdwViewStackPage *page = adw_view_stack_get_page (ADW_VIEW_STACK (parent), w);

          if (page != NULL && adw_view_stack_page_get_title (page) != NULL)
            return adw_view_stack_page_get_title (page);
        }
      if (ADW_IS_PREFERENCES_PAGE (w) && adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (w)) != NULL &&
          *adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (w)) != '\0')
        return adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (w));
    }

  return NULL;
}

/* Names @accessible by the view or preferences page @widget is in, else
 * by @fallback. */
static void
name_by_view (GtkAccessible *accessible,
              GtkWidget     *widget,
              const char    *fallback)
{
  const char *name = view_page_title (widget);

  if (name == NULL)
    name = fallback;
  if (name != NULL)
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * pkio_form_name_stack_pages:
 * @widget: a window or part of one
 * @fallback: the name of a page that has nothing better, such as the
 *   window's title
 *
 * A stack's page without a title is named after its type on GTK 4.8, and
 * Orca said "GtkStackPage panel" on entering Preferences (libadwaita's own
 * stacks) and the orders window (a view's "empty" and "list" pages). Each
 * such page, here and under it, is named by the view or preferences page
 * it is in ("Drafts"), else by @fallback; so is a list view on GTK 4.8,
 * which named it after its type too. Call it when the pages are all there.
 */
void
pkio_form_name_stack_pages (GtkWidget  *widget,
                            const char *fallback)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pkio_form_name_stack_pages (child, fallback);

  /* GTK 4.8 names a list view after its type too: Orca 43 said
   * "GtkListView" in the orders window. */
  if (GTK_IS_LIST_VIEW (widget) && gtk_get_minor_version () < 10)
    {
      name_by_view (GTK_ACCESSIBLE (widget), widget, fallback);
      return;
    }

  /* A view stack titles its own. */
  if (!GTK_IS_STACK (widget) || ADW_IS_VIEW_STACK (gtk_widget_get_parent (widget)))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStackPage *page = gtk_stack_get_page (GTK_STACK (widget), child);

      if (page == NULL || (gtk_stack_page_get_title (page) != NULL && *gtk_stack_page_get_title (page) != '\0'))
        continue;

      name_by_view (GTK_ACCESSIBLE (page), child, fallback);
    }
}

/**
 * pkio_form_describe_once:
 * @widget: a widget whose tooltip says more than its name, not yet realized
 * @in_name: whether the tooltip joins the name (@widget is then a button
 *   with a label); else the description is dropped and the name said alone
 *
 * GTK 4.8 gives a widget its tooltip as its description, and reports that
 * description as changed when the widget first has the focus (its
 * accessible object only comes alive then); Orca 43 says every such
 * change, so the description was said twice ("Submit Later push button.
 * Keep the order in the outbox… Keep the order in the outbox…"). There the
 * tooltip is kept for the eye and, if it tells what the name does not,
 * joins the name, which is said once. GTK 4.10 and later keep the
 * description.
 */
void
pkio_form_describe_once (GtkWidget *widget,
                         gboolean   in_name)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (gtk_get_minor_version () >= 10 || tooltip == NULL)
    return;

  pkio_form_set_description (widget, NULL);
  if (in_name && GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) name = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        g_string_replace (name, "_", "", 0);
      pkio_form_describe (widget, name->str, tooltip);
    }
}

/**
 * pkio_form_describe:
 * @widget: a control the focus reaches, named @name
 * @name: its name, as a screen reader says it
 * @description: what a screen reader says after the name: the values of
 *   rows that are no Tab stops, or what the control does
 *
 * Sets @description as @widget's description on GTK 4.10 and later. On
 * GTK 4.8 it joins the name ("Verify: …"), because a description is
 * reported as changed when the widget first has the focus, and Orca 43
 * said it twice (see pkio_form_describe_once()).
 */
void
pkio_form_describe (GtkWidget  *widget,
                    const char *name,
                    const char *description)
{
  g_autofree char *full = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL && description != NULL);

  if (gtk_get_minor_version () >= 10)
    {
      pkio_form_set_description (widget, description);
      return;
    }

  /* Translators: the spoken name of a button and what it does, as "Submit Later: Keep the order in the outbox…"; %1$s is the button's label, %2$s the explanation */
  full = g_strdup_printf (_("%1$s: %2$s"), name, description);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                  -1);
}

/**
 * pkio_form_quiet_info_row:
 * @widget: a row, not yet realized
 *
 * An information row (a title and a value, nothing to activate) is no
 * Tab stop: Tab goes from control to control, and a screen reader reads
 * the row with the group or the control next to it (Review's values with
 * its Edit buttons). Buttons in it still take the focus.
 *
 * Read on its own, it was "Order Number. not selected. 2927140887." on
 * GTK 4.8 with the row unselectable: Orca 43 says "not selected" of any
 * list item whose list offers selection, and GTK 4.8's list box always
 * does. As a generic object it is read as its name and its value alone.
 * Orca 48 on later GTK says no such thing of a list item, which keeps
 * its role there. Does nothing to other widgets.
 */
void
pkio_form_quiet_info_row (GtkWidget *widget)
{
  if (!ADW_IS_ACTION_ROW (widget) ||
      adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) != NULL ||
      gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    return;

  /* The role before the focusable change, which makes the accessible. */
  if (gtk_get_minor_version () < 10)
    g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
  gtk_widget_set_focusable (widget, FALSE);
}

/**
 * pkio_form_quiet_choice_rows:
 * @widget: a page whose rows with a control are to be one Tab stop each
 *
 * A row whose activatable widget is a radio or check button, a switch or
 * a drop-down was two Tab stops, the row ("New Applicant, not selected", a
 * list item's state, not the choice's) and the button, and Orca said the
 * name twice on the button ("New Applicant. New Applicant. selected radio
 * button"): the row is named by its title as well.
 *
 * A radio, check or switch row becomes its control: the row is the Tab
 * stop (a list box passes its rows by arrow and Tab on every GTK), says
 * "radio button", "check box" or "switch" and whether it is on, and the
 * control in it is only drawn. The control alone would not do: GTK lets
 * only the chosen button of a group take the focus, and GTK 4.8's list
 * box then left the list at a row whose button refused it; on GTK 4.10
 * and later a list box's rows are Tab stops of their own, and Tab in a
 * list of unfocusable rows goes round. Another control (a drop-down, a
 * link) alone takes the focus and the name, and its row stays clickable
 * (on GTK 4.10 and later only for a drop-down).
 */
void
pkio_form_quiet_choice_rows (GtkWidget *widget)
{
  GtkWidget *control = ADW_IS_ACTION_ROW (widget)
                       ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget))
                       : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pkio_form_quiet_choice_rows (child);

  /* GTK 4.8 calls every row of a list selectable, and Orca said "Order
   * Number, not selected": in a list that selects nothing, no row is. */
  if (GTK_IS_LIST_BOX_ROW (widget) && GTK_IS_LIST_BOX (gtk_widget_get_parent (widget)) &&
      gtk_list_box_get_selection_mode (GTK_LIST_BOX (gtk_widget_get_parent (widget))) == GTK_SELECTION_NONE)
    gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (widget), FALSE);

  pkio_form_quiet_info_row (widget);

  /* A group without a title leaves its list unnamed, and GTK 4.8 names
   * it after its type: Orca said "GtkListBox". A plain container is
   * passed over. */
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW) != NULL)
    {
      /* An expander row's own lists are named by its title. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                        gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW))),
                                      -1);
    }
  else if (GTK_IS_LIST_BOX (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP) != NULL)
    {
      const char *title = adw_preferences_group_get_title (
        ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP)));
      const char *page = view_page_title (widget);

      /* Passed over, a generic list was still "GtkListBox" in Preferences:
       * in a titled page it takes the page's title. */
      if ((title == NULL || *title == '\0') && page != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, page,
                                        -1);
      else if (title == NULL || *title == '\0')
        {
          AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (
            gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP));
          const char *description = adw_preferences_group_get_description (group);

          g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
          /* Related to the group's empty title (and description), it was
           * no plain container to Orca 48, which said a bare "panel". */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          if (description == NULL || *description == '\0')
            gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
        }
    }

  if (control == NULL)
    return;

  /* Roles change only before the page is first shown. */
  if (GTK_IS_CHECK_BUTTON (control) || GTK_IS_SWITCH (control))
    {
      GtkWidget *title = find_title (widget);
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (control));

      /* Roles first: a focusable change makes the accessible. */
      g_object_set (control, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      g_object_set (widget, "accessible-role", role, NULL);
      /* Not focusable is not enough: a grouped check button's focus
       * handler claims Tab for itself even then, and Tab stayed on the row. */
      gtk_widget_set_focusable (control, FALSE);
      gtk_widget_set_can_focus (control, FALSE);
      /* Orca takes a radio button's labelled-by for its group's name and
       * said the name twice ("New Applicant. New Applicant. selected radio
       * button"): the title's text (no underscore) is its own name. */
      if (title != NULL)
        {
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (title)),
                                          -1);
        }
      /* The row's mnemonic (Alt+I on the agreement) toggles the control;
       * the focus goes to the row that speaks for it, or Enter would act
       * where the focus was left. A radio's page moves it itself (Alt+E
       * to the ID's entry). */
      if (role != GTK_ACCESSIBLE_ROLE_RADIO)
        g_signal_connect (widget, "activated", G_CALLBACK (gtk_widget_grab_focus), NULL);
      g_signal_connect_object (control, "notify::active", G_CALLBACK (choice_row_sync), widget, 0);
      choice_row_sync (control, NULL, widget);
      return;
    }

  if (gtk_get_minor_version () < 10 || GTK_IS_DROP_DOWN (control))
    {
      /* Orca 43 counts a list's list items, and said "Place of Residence.
       * List with 1 item." of three fields, the entries being text boxes
       * on GTK 4.8: the row is only a frame around its control. (Before
       * the focusable change, which makes the accessible.) */
      if (gtk_get_minor_version () < 10)
        g_object_set (widget, "accessible-role", GTK_ACCESSIBLE_ROLE_GENERIC, NULL);
      gtk_widget_set_focusable (widget, FALSE);
      /* The row's mnemonic toggles the control but, the row being no Tab
       * stop now, left the focus where it was, and Enter then pressed
       * that button instead of going on. */
      g_signal_connect_object (widget, "activated", G_CALLBACK (gtk_widget_grab_focus),
                               control, G_CONNECT_SWAPPED);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

/**
 * pkio_form_find_subtitle:
 * @root: a row
 *
 * libadwaita describes a row's activatable widget by the row's subtitle;
 * that description is kept next to a message.
 *
 * Returns: (transfer none) (nullable): the label of @root's subtitle
 */
GtkWidget *
pkio_form_find_subtitle (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "subtitle"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pkio_form_find_subtitle (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * pkio_form_set_description:
 * @widget: a control the focus reaches
 * @description: (nullable): what a screen reader says after its name, or
 *   %NULL for nothing (and no tooltip either)
 *
 * Sets @widget's description and keeps it, so that
 * pkio_form_restore_description() can give it back after a toast was
 * said through it (GTK 4.8 has no getter).
 */
void
pkio_form_set_description (GtkWidget  *widget,
                           const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data_full (G_OBJECT (widget), "pkio-description",
                          g_strdup (description ? description : ""), g_free);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * pkio_form_restore_description:
 * @widget: a control whose description was borrowed
 *
 * Gives @widget back the description set with pkio_form_set_description(),
 * or else the one GTK 4.8 makes of its tooltip.
 */
void
pkio_form_restore_description (GtkWidget *widget)
{
  g_autofree char *own = NULL;
  const char *tooltip;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* A copy: setting it again frees the one kept. */
  own = g_strdup (g_object_get_data (G_OBJECT (widget), "pkio-description"));
  tooltip = gtk_widget_get_tooltip_text (widget);

  if (own != NULL)
    pkio_form_set_description (widget, own[0] != '\0' ? own : NULL);
  else if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
