/* pkio-choice-row.c
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

#include "pkio-choice-row.h"
#include "pkio-form.h"

/* A row that offers a choice from a short list, looking like an
 * AdwComboRow (title left, the choice and an arrow right, or the choice
 * under the title) but built as the country row is: an action row whose
 * activatable widget is a flat GtkDropDown. A combo row is itself the
 * combo box, and no Orca found its value: named "Shipping, Standard" so
 * that the value was heard, Orca 48 took the name for the value too and
 * said "Shipping, Standard combo box Shipping, Standard." (issue #20). A
 * drop-down's value is said once by Orca 43 ("Shipping combo box /
 * Standard push button") and Orca 48 ("combo box collapsed / Shipping,
 * Standard"), see pkio_form_name_drop_down(). */

struct _PkioChoiceRow
{
  AdwActionRow  parent_instance;

  GtkDropDown  *dropdown;
  guint         use_subtitle : 1;
};

G_DEFINE_FINAL_TYPE (PkioChoiceRow, pkio_choice_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED,
  PROP_USE_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
dup_selected_text (PkioChoiceRow *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->dropdown);

  return GTK_IS_STRING_OBJECT (item) ? g_strdup (gtk_string_object_get_string (item)) : NULL;
}

/* The choice as the subtitle: the row's own text, said as the drop-down's
 * name already, so not as its description too. */
static void
update_subtitle (PkioChoiceRow *self)
{
  g_autofree char *text = NULL;

  if (!self->use_subtitle)
    return;

  text = dup_selected_text (self);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text ? text : "");
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

/* The button in the drop-down has the focus, and the subtitle that says
 * more of the choice ("After a warning, the window forgets…") describes
 * it, as libadwaita described a combo row by it: its description on the
 * drop-down was never read. Not a subtitle that is the choice itself. */
static void
describe_cb (PkioChoiceRow *self)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->dropdown));
  GtkWidget *subtitle = pkio_form_find_subtitle (GTK_WIDGET (self));
  const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (self));

  if (button == NULL)
    return;

  if (!self->use_subtitle && subtitle != NULL && text != NULL && *text != '\0')
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle, NULL,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

static void
selected_cb (PkioChoiceRow *self)
{
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
title_cb (PkioChoiceRow *self)
{
  pkio_form_name_drop_down (self->dropdown,
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
item_check_cb (GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  PkioChoiceRow *self = g_object_get_data (G_OBJECT (item), "pkio-choice-row");

  if (self != NULL)
    gtk_widget_set_opacity (check, gtk_list_item_get_position (item) ==
                                   gtk_drop_down_get_selected (self->dropdown) ? 1.0 : 0.0);
}

static void
setup_list_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "hexpand", TRUE, NULL));
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE,
                                               "icon-name", "object-select-symbolic",
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
  gtk_list_item_set_child (item, box);
}

static void
bind_list_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PkioChoiceRow            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  gpointer string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "");
  g_object_set_data (G_OBJECT (item), "pkio-choice-row", self);
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (item_check_cb), item,
                           G_CONNECT_SWAPPED);
  item_check_cb (item);
}

static void
unbind_list_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     PkioChoiceRow            *self)
{
  g_signal_handlers_disconnect_by_func (self->dropdown, item_check_cb, item);
  g_object_set_data (G_OBJECT (item), "pkio-choice-row", NULL);
}

/* The choice under the title, for a choice too long to fit beside it,
 * as AdwComboRow:use-subtitle: the drop-down shows only its arrow, and
 * its list each choice, the chosen one checked, as GTK's own does. */
static void
set_use_subtitle (PkioChoiceRow *self,
                  gboolean       use_subtitle)
{
  g_autoptr(GtkListItemFactory) empty = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  self->use_subtitle = !!use_subtitle;
  if (!use_subtitle)
    return;

  empty = gtk_signal_list_item_factory_new ();
  list_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_list_item_cb), self);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_list_item_cb), self);
  gtk_drop_down_set_factory (self->dropdown, empty);
  gtk_drop_down_set_list_factory (self->dropdown, list_factory);
  update_subtitle (self);
  describe_cb (self);
}

static void
pkio_choice_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PkioChoiceRow *self = PKIO_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, pkio_choice_row_get_model (self));
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, pkio_choice_row_get_selected (self));
      break;
    case PROP_USE_SUBTITLE:
      g_value_set_boolean (value, self->use_subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_choice_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PkioChoiceRow *self = PKIO_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      pkio_choice_row_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      pkio_choice_row_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_USE_SUBTITLE:
      set_use_subtitle (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_choice_row_class_init (PkioChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pkio_choice_row_get_property;
  object_class->set_property = pkio_choice_row_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL,
                       0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_USE_SUBTITLE] =
    g_param_spec_boolean ("use-subtitle", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pkio_choice_row_init (PkioChoiceRow *self)
{
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  self->dropdown = GTK_DROP_DOWN (dropdown);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), dropdown);
  /* libadwaita names the drop-down by the title and describes it by the
   * subtitle; a click on the row or its mnemonic activates it. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), dropdown);

  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_cb), NULL);
  g_signal_connect (self, "notify::subtitle", G_CALLBACK (describe_cb), NULL);
  title_cb (self);
}

/**
 * pkio_choice_row_new:
 * @title: the row's title, which names the choice
 * @choices: (array zero-terminated=1): what is offered, in order
 *
 * Returns: (transfer floating): a row with the first choice selected
 */
GtkWidget *
pkio_choice_row_new (const char         *title,
                     const char * const *choices)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  return g_object_new (PKIO_TYPE_CHOICE_ROW,
                       "title", title,
                       "model", model,
                       NULL);
}

/**
 * pkio_choice_row_get_model:
 *
 * Returns: (transfer none) (nullable): the choices
 */
GListModel *
pkio_choice_row_get_model (PkioChoiceRow *self)
{
  g_return_val_if_fail (PKIO_IS_CHOICE_ROW (self), NULL);

  return gtk_drop_down_get_model (self->dropdown);
}

void
pkio_choice_row_set_model (PkioChoiceRow *self,
                           GListModel    *model)
{
  g_return_if_fail (PKIO_IS_CHOICE_ROW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (gtk_drop_down_get_model (self->dropdown) == model)
    return;

  gtk_drop_down_set_model (self->dropdown, model);
  /* The name and subtitle follow the first choice, selected now. */
  title_cb (self);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * pkio_choice_row_get_selected:
 *
 * Returns: the position of the choice, or %GTK_INVALID_LIST_POSITION
 */
guint
pkio_choice_row_get_selected (PkioChoiceRow *self)
{
  g_return_val_if_fail (PKIO_IS_CHOICE_ROW (self), GTK_INVALID_LIST_POSITION);

  return gtk_drop_down_get_selected (self->dropdown);
}

void
pkio_choice_row_set_selected (PkioChoiceRow *self,
                              guint          position)
{
  g_return_if_fail (PKIO_IS_CHOICE_ROW (self));

  /* The drop-down notifies, and so does the row (selected_cb). */
  gtk_drop_down_set_selected (self->dropdown, position);
}

gboolean
pkio_choice_row_get_use_subtitle (PkioChoiceRow *self)
{
  g_return_val_if_fail (PKIO_IS_CHOICE_ROW (self), FALSE);

  return self->use_subtitle;
}

/**
 * pkio_choice_row_get_drop_down:
 *
 * Returns: (transfer none): the drop-down that takes the focus
 */
GtkDropDown *
pkio_choice_row_get_drop_down (PkioChoiceRow *self)
{
  g_return_val_if_fail (PKIO_IS_CHOICE_ROW (self), NULL);

  return self->dropdown;
}
