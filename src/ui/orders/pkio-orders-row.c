/* pkio-orders-row.c
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

#include "pkio-orders-row.h"

/* One line of the Orders window's lists. The list views recycle rows, so
 * a row is filled when bound to an item and emptied again; its buttons
 * name a window action and the entry's id, and say for screen readers
 * which entry they act on. */

struct _PkioOrdersRow
{
  AdwBin     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkWidget *practice_badge;
  GtkBox    *actions;
};

G_DEFINE_FINAL_TYPE (PkioOrdersRow, pkio_orders_row, ADW_TYPE_BIN)

static void
pkio_orders_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PKIO_TYPE_ORDERS_ROW);

  G_OBJECT_CLASS (pkio_orders_row_parent_class)->dispose (object);
}

static void
pkio_orders_row_class_init (PkioOrdersRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_orders_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pkioorder/PkioOrder/pkio-orders-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersRow, practice_badge);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersRow, actions);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pkio_orders_row_init (PkioOrdersRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pkio_orders_row_new (void)
{
  return g_object_new (PKIO_TYPE_ORDERS_ROW, NULL);
}

void
pkio_orders_row_set_title (PkioOrdersRow *self,
                           const char    *title)
{
  g_return_if_fail (PKIO_IS_ORDERS_ROW (self));

  gtk_label_set_label (self->title_label, title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : "", -1);
}

const char *
pkio_orders_row_get_title (PkioOrdersRow *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
pkio_orders_row_set_subtitle (PkioOrdersRow *self,
                              const char    *subtitle)
{
  g_return_if_fail (PKIO_IS_ORDERS_ROW (self));

  gtk_label_set_label (self->subtitle_label, subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle ? subtitle : "", -1);
}

const char *
pkio_orders_row_get_subtitle (PkioOrdersRow *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

void
pkio_orders_row_set_practice (PkioOrdersRow *self,
                              gboolean       practice)
{
  g_return_if_fail (PKIO_IS_ORDERS_ROW (self));

  gtk_widget_set_visible (self->practice_badge, practice);
}

/**
 * pkio_orders_row_add_action:
 * @label: the button's label, with a mnemonic
 * @action_name: a window action taking the entry's id ("s")
 * @id: the entry's id
 *
 * Call after pkio_orders_row_set_title(): the button's accessible name
 * holds the title, since "Open" alone does not say which of many.
 *
 * Returns: (transfer none): the button
 */
GtkWidget *
pkio_orders_row_add_action (PkioOrdersRow *self,
                            const char    *label,
                            const char    *action_name,
                            const char    *id)
{
  GtkWidget *button;
  g_autofree char *plain = NULL;
  g_autofree char *name = NULL;
  const char *title;

  g_return_val_if_fail (PKIO_IS_ORDERS_ROW (self), NULL);
  g_return_val_if_fail (label != NULL && action_name != NULL && id != NULL, NULL);

  button = gtk_button_new_with_mnemonic (label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);

  /* The label without its mnemonic marker, then the row it acts on. */
  plain = g_strdup (label);
  for (char *from = plain, *to = plain; ; from++)
    {
      if (*from == '_' && from[1] != '_')
        continue;
      if ((*to++ = *from) == '\0')
        break;
    }
  title = gtk_label_get_label (self->title_label);
  /* Translators: a button's name for screen readers: what it does, then
   * the list row it does it to, e.g. "Delete, Jan de Vries" */
  name = g_strdup_printf (_("%s, %s"), plain, title);
  /* By its label only: GTK 4.8 read both ("Open Open, Anna Jansen"), and
   * later GTK the label widget alone ("Open"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  gtk_box_append (self->actions, button);

  return button;
}

gboolean
pkio_orders_row_has_actions (PkioOrdersRow *self)
{
  g_return_val_if_fail (PKIO_IS_ORDERS_ROW (self), FALSE);

  return gtk_widget_get_first_child (GTK_WIDGET (self->actions)) != NULL;
}

void
pkio_orders_row_clear_actions (PkioOrdersRow *self)
{
  GtkWidget *child;

  g_return_if_fail (PKIO_IS_ORDERS_ROW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions))) != NULL)
    gtk_box_remove (self->actions, child);
}
