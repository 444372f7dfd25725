package com.synapselinkhealth.webapi.registration;

import java.util.List;

/**
 * The three messages a step is registered for, with the entity images each carries to the webhook: Create a post
 * image, Update a pre and a post image, Delete a pre image (Dataverse allows no pre image on Create and no post image
 * on Delete). The image's message property is {@code Id} for Create (the new row's id, as the Plugin Registration
 * Tool sets it) and {@code Target} for Update and Delete.
 */
public enum RegisteredMessage {
    CREATE("Create", "Id", List.of(ImageKind.POST)),
    UPDATE("Update", "Target", List.of(ImageKind.PRE, ImageKind.POST)),
    DELETE("Delete", "Target", List.of(ImageKind.PRE));

    private final String sdkName;
    private final String imageMessageProperty;
    private final List<ImageKind> images;

    RegisteredMessage(String sdkName, String imageMessageProperty, List<ImageKind> images) {
        this.sdkName = sdkName;
        this.imageMessageProperty = imageMessageProperty;
        this.images = images;
    }

    /** The {@code sdkmessage.name}, e.g. {@code Update}. */
    public String sdkName() {
        return sdkName;
    }

    /** {@code sdkmessageprocessingstepimage.messagepropertyname} for this message. */
    public String imageMessageProperty() {
        return imageMessageProperty;
    }

    public List<ImageKind> images() {
        return images;
    }

    /** An entity image: {@code imagetype} 0 PreImage or 1 PostImage, with the alias it has in the callback. */
    public enum ImageKind {
        PRE(0, "PreImage"),
        POST(1, "PostImage");

        private final int imageType;
        private final String alias;

        ImageKind(int imageType, String alias) {
            this.imageType = imageType;
            this.alias = alias;
        }

        /** {@code sdkmessageprocessingstepimage.imagetype}. */
        public int imageType() {
            return imageType;
        }

        /** {@code entityalias}: the key under {@code PreEntityImages}/{@code PostEntityImages}. */
        public String alias() {
            return alias;
        }
    }
}
