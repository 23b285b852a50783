/* pkio-form.h
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

#include <adwaita.h>

#include "pkio-order.h"
#include "pkio-page.h"

G_BEGIN_DECLS

/* How long typing pauses before a field's message shows. */
#define PKIO_FORM_SETTLE_MS 600

typedef enum
{
  PKIO_FORM_FIELD_NONE    = 0,
  PKIO_FORM_FIELD_SECRET  = 1 << 0,   /* typed into an AdwPasswordEntryRow */
  PKIO_FORM_FIELD_DIGITS  = 1 << 1,   /* an on-screen keyboard shows digits */
  PKIO_FORM_FIELD_EMAIL   = 1 << 2,
  PKIO_FORM_FIELD_PHONE   = 1 << 3,
  PKIO_FORM_FIELD_NAME    = 1 << 4,
} PkioFormFieldFlags;

#define PKIO_TYPE_FORM (pkio_form_get_type ())

G_DECLARE_FINAL_TYPE (PkioForm, pkio_form, PKIO, FORM, GObject)

PkioForm   *pkio_form_new              (PkioPage            *page,
                                        PkioOrderStep        step);
PkioForm   *pkio_form_get_for_page     (PkioPage            *page);
GtkWidget  *pkio_form_add_entry        (PkioForm            *self,
                                        AdwPreferencesGroup *group,
                                        PkioOrderText        field,
                                        const char          *title,
                                        PkioFormFieldFlags   flags);
GtkWidget  *pkio_form_add_country      (PkioForm            *self,
                                        AdwPreferencesGroup *group,
                                        PkioOrderText        field,
                                        const char          *title);
GtkWidget  *pkio_form_add_state        (PkioForm            *self,
                                        AdwPreferencesGroup *group,
                                        PkioOrderText        field,
                                        PkioOrderText        country,
                                        const char          *title,
                                        gboolean             as_code);
void        pkio_form_set_asked        (PkioForm            *self,
                                        const char          *path,
                                        gboolean             asked);
void        pkio_form_add_row          (PkioForm            *self,
                                        AdwPreferencesGroup *group,
                                        GtkWidget           *row,
                                        const char          *path);
void        pkio_form_add_choice       (PkioForm            *self,
                                        AdwPreferencesGroup *group,
                                        GtkWidget           *first,
                                        GtkWidget           *last,
                                        const char          *path);
GtkWidget  *pkio_form_get_row          (PkioForm            *self,
                                        const char          *path);
GtkWidget  *pkio_form_get_hint         (PkioForm            *self,
                                        const char          *path);
void        pkio_form_touch            (PkioForm            *self,
                                        const char          *path);
void        pkio_form_show_all         (PkioForm            *self);
gboolean    pkio_form_show_server_error (PkioForm           *self,
                                        const char          *path,
                                        const char          *message);
void        pkio_form_validate         (PkioForm            *self);
void        pkio_form_reset            (PkioForm            *self);

void        pkio_form_name_entry_row   (GtkWidget           *row,
                                        const char          *title);
void        pkio_form_quiet_icons      (GtkWidget           *widget);
void        pkio_form_name_disclosure  (GtkWidget           *button);
void        pkio_form_name_drop_down   (GtkDropDown         *dropdown,
                                        const char          *title);
void        pkio_form_quiet_choice_rows (GtkWidget          *widget);
void        pkio_form_quiet_info_row   (GtkWidget           *widget);
GtkWidget  *pkio_form_find_subtitle    (GtkWidget           *root);
void        pkio_form_name_stack_pages (GtkWidget           *widget,
                                        const char          *fallback);
void        pkio_form_describe_once    (GtkWidget           *widget,
                                        gboolean             in_name);
void        pkio_form_describe         (GtkWidget           *widget,
                                        const char          *name,
                                        const char          *description);
void        pkio_form_set_description  (GtkWidget           *widget,
                                        const char          *description);
void        pkio_form_restore_description (GtkWidget        *widget);
void        pkio_form_focus_first      (PkioForm            *self);
void        pkio_form_advance          (PkioForm            *self,
                                        GtkWidget           *from);
GStrv       pkio_form_dup_paths        (PkioForm            *self);

G_END_DECLS
