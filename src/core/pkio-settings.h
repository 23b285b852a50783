/* pkio-settings.h
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

#pragma once

#include <gio/gio.h>

#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_SETTINGS (pkio_settings_get_type ())

G_DECLARE_FINAL_TYPE (PkioSettings, pkio_settings, PKIO, SETTINGS, GObject)

#define PKIO_DEFAULT_API_BASE_URL "https://certcentral.digicert.eu/services/v2"

gboolean      pkio_settings_is_acceptable_api_base_url (const char *url);
char         *pkio_settings_explain_api_base_url       (const char *url);

PkioSettings *pkio_settings_new                (const char   *schema_id);
char         *pkio_settings_dup_api_base_url   (PkioSettings *self);
void          pkio_settings_set_api_base_url   (PkioSettings *self,
                                                const char   *url);
void          pkio_settings_override_api_base_url (PkioSettings *self,
                                                  const char   *url);
gboolean      pkio_settings_is_api_base_url_overridden (PkioSettings *self);
gboolean      pkio_settings_get_practice_mode (PkioSettings *self);
void          pkio_settings_set_practice_mode (PkioSettings *self,
                                               gboolean      practice);
void          pkio_settings_override_practice_mode (PkioSettings *self);
void          pkio_settings_apply_desk_defaults (PkioSettings *self,
                                                 PkioOrder    *order);
void          pkio_settings_restore_desk_defaults (PkioSettings *self,
                                                   PkioOrder    *order);
guint         pkio_settings_get_auto_save_delay (PkioSettings *self);
guint         pkio_settings_get_idle_clear_minutes (PkioSettings *self);
void          pkio_settings_set_idle_clear_minutes (PkioSettings *self,
                                                    guint         minutes);
guint         pkio_settings_get_history_retention_days (PkioSettings *self);
char        **pkio_settings_dup_token_module_paths (PkioSettings *self);
void          pkio_settings_get_window_state   (PkioSettings *self,
                                                int          *width,
                                                int          *height,
                                                gboolean     *maximized);
void          pkio_settings_set_window_state   (PkioSettings *self,
                                                int           width,
                                                int           height,
                                                gboolean      maximized);

G_END_DECLS
