/* pkio-welcome-page.c
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

#include "pkio-form.h"
#include "pkio-welcome-page.h"

/* The first step: what the applicant should have at hand before starting,
 * so that nobody finds out halfway through that the ID document is upstairs. */

struct _PkioWelcomePage
{
  PkioPage        parent_instance;

  /* Template widgets */
  GtkCheckButton *new_check;
  GtkCheckButton *existing_check;
  AdwEntryRow    *id_row;
  GtkWidget      *id_hint_row;
  GtkLabel       *id_hint;

  guint           syncing : 1;
  guint           id_touched : 1;
};

G_DEFINE_FINAL_TYPE (PkioWelcomePage, pkio_welcome_page, PKIO_TYPE_PAGE)

/* The id is a positive whole number; anything else keeps Next off. */
static gint64
parse_id (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  gint64 id = 0;

  if (!g_ascii_string_to_signed (stripped, 10, 1, G_MAXINT64, &id, NULL))
    return 0;

  return id;
}

static void
update (PkioWelcomePage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  gboolean existing = gtk_check_button_get_active (self->existing_check);
  gint64 id = parse_id (gtk_editable_get_text (GTK_EDITABLE (self->id_row)));
  gboolean invalid = existing && id == 0;
  gboolean show = invalid && self->id_touched;

  gtk_widget_set_visible (GTK_WIDGET (self->id_row), existing);

  /* Same look and accessible state as the form rows (PkioForm). */
  gtk_label_set_label (self->id_hint,
                       show ? _("Individual ID: enter the number CertCentral shows for the "
                                "person, digits only") : "");
  gtk_widget_set_visible (self->id_hint_row, show);
  if (show)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->id_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->id_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->id_row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->id_hint, NULL,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->id_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->id_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->id_row),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }

  pkio_page_set_complete (PKIO_PAGE (self), !invalid);

  if (order != NULL && !self->syncing)
    {
      self->syncing = TRUE;
      pkio_order_set_individual_id (order, existing ? id : 0);
      self->syncing = FALSE;
    }
}

static void
choice_toggled_cb (PkioWelcomePage *self)
{
  if (self->syncing)
    return;

  update (self);
  if (gtk_check_button_get_active (self->existing_check))
    gtk_widget_grab_focus (GTK_WIDGET (self->id_row));
}

static void
id_changed_cb (PkioWelcomePage *self)
{
  if (!self->syncing)
    update (self);
}

static void
id_activated_cb (PkioWelcomePage *self)
{
  self->id_touched = TRUE;
  update (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "assistant.next", NULL);
}

static void
id_focus_leave_cb (PkioWelcomePage *self)
{
  self->id_touched = TRUE;
  update (self);
}

static void
order_changed_cb (PkioWelcomePage *self)
{
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));
  gint64 id = pkio_order_get_individual_id (order);
  g_autofree char *text = NULL;

  if (self->syncing)
    return;

  /* The model changed from elsewhere: a test, or a new order. */
  self->syncing = TRUE;
  if (id > 0)
    {
      text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      gtk_check_button_set_active (self->existing_check, TRUE);
      if (parse_id (gtk_editable_get_text (GTK_EDITABLE (self->id_row))) != id)
        gtk_editable_set_text (GTK_EDITABLE (self->id_row), text);
    }
  else if (gtk_check_button_get_active (self->existing_check) &&
           parse_id (gtk_editable_get_text (GTK_EDITABLE (self->id_row))) > 0)
    {
      gtk_check_button_set_active (self->new_check, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->id_row), "");
    }
  self->syncing = FALSE;

  update (self);
}

static void
pkio_welcome_page_reset (PkioPage *page)
{
  PkioWelcomePage *self = PKIO_WELCOME_PAGE (page);

  self->syncing = TRUE;
  gtk_check_button_set_active (self->new_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), "");
  self->syncing = FALSE;
  self->id_touched = FALSE;
  update (self);
}

static void
pkio_welcome_page_constructed (GObject *object)
{
  PkioWelcomePage *self = (PkioWelcomePage *)object;
  PkioOrder *order = pkio_page_get_order (PKIO_PAGE (self));

  G_OBJECT_CLASS (pkio_welcome_page_parent_class)->constructed (object);

  if (order != NULL)
    {
      g_signal_connect_object (order, "notify::individual-id", G_CALLBACK (order_changed_cb),
                               self, G_CONNECT_SWAPPED);
      order_changed_cb (self);
    }
}

static void
pkio_welcome_page_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PKIO_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (pkio_welcome_page_parent_class)->dispose (object);
}

static void
pkio_welcome_page_class_init (PkioWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PkioPageClass *page_class = PKIO_PAGE_CLASS (klass);

  object_class->constructed = pkio_welcome_page_constructed;
  object_class->dispose = pkio_welcome_page_dispose;

  page_class->reset = pkio_welcome_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, new_check);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, existing_check);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, id_row);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, id_hint_row);
  gtk_widget_class_bind_template_child (widget_class, PkioWelcomePage, id_hint);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_activated_cb);
}

static void
pkio_welcome_page_init (PkioWelcomePage *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (id_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->id_row), focus);

  pkio_form_name_entry_row (GTK_WIDGET (self->id_row), _("Individual ID"));

  pkio_page_set_complete (PKIO_PAGE (self), TRUE);
}

/**
 * pkio_welcome_page_new:
 * @order: (nullable): the order whose applicant is chosen here
 */
PkioPage *
pkio_welcome_page_new (PkioOrder *order)
{
  g_return_val_if_fail (!order || PKIO_IS_ORDER (order), NULL);

  return g_object_new (PKIO_TYPE_WELCOME_PAGE, "order", order, NULL);
}
