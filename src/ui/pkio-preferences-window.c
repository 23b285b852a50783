/* pkio-preferences-window.c
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

#include "pkio-preferences-window.h"

struct _PkioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *api_base_url_row;
  GtkButton            *api_base_url_reset;

  /* Owned references */
  PkioSettings         *settings;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioPreferencesWindow, pkio_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
sync_api_base_url (PkioPreferencesWindow *self)
{
  g_autofree char *url = pkio_settings_dup_api_base_url (self->settings);

  gtk_editable_set_text (GTK_EDITABLE (self->api_base_url_row), url);
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_base_url_reset),
                            g_strcmp0 (url, PKIO_DEFAULT_API_BASE_URL) != 0);
}

static void
on_api_base_url_apply (PkioPreferencesWindow *self)
{
  g_autofree char *text = NULL;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_base_url_row))));

  if (!pkio_settings_is_acceptable_api_base_url (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->api_base_url_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->api_base_url_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The CertCentral API address must be an "
                                                         "https:// address")));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->api_base_url_row),
                              GTK_ACCESSIBLE_STATE_INVALID);
  pkio_settings_set_api_base_url (self->settings, text);
}

static void
on_api_base_url_reset (PkioPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->api_base_url_row), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->api_base_url_row),
                              GTK_ACCESSIBLE_STATE_INVALID);
  pkio_settings_set_api_base_url (self->settings, NULL);
}

static void
pkio_preferences_window_constructed (GObject *object)
{
  PkioPreferencesWindow *self = (PkioPreferencesWindow *)object;

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->constructed (object);

  g_assert (PKIO_IS_SETTINGS (self->settings));

  g_signal_connect_object (self->settings, "notify::api-base-url",
                           G_CALLBACK (sync_api_base_url), self, G_CONNECT_SWAPPED);
  sync_api_base_url (self);
}

static void
pkio_preferences_window_dispose (GObject *object)
{
  PkioPreferencesWindow *self = (PkioPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pkio_preferences_window_parent_class)->dispose (object);
}

static void
pkio_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PkioPreferencesWindow *self = PKIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_preferences_window_class_init (PkioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pkio_preferences_window_constructed;
  object_class->dispose = pkio_preferences_window_dispose;
  object_class->get_property = pkio_preferences_window_get_property;
  object_class->set_property = pkio_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         PKIO_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, PkioPreferencesWindow, api_base_url_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_api_base_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_api_base_url_reset);
}

static void
pkio_preferences_window_init (PkioPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PkioPreferencesWindow *
pkio_preferences_window_new (PkioSettings *settings)
{
  g_return_val_if_fail (PKIO_IS_SETTINGS (settings), NULL);

  return g_object_new (PKIO_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
